/**
 * Tensors as Arrow's canonical {@code arrow.fixed_shape_tensor} extension type:
 * {@link io.quiver.udf.tensor.FixedShapeTensorType} (element type and shape, SQL name
 * {@code TENSOR<UINT8>[28,28]}), {@link io.quiver.udf.tensor.FixedShapeTensorVector} (a column of them)
 * and {@link io.quiver.udf.tensor.TensorVectors} (bulk reads and writes as {@code float[]},
 * {@code byte[]}, {@code int[]}).
 */
package io.quiver.udf.tensor;
