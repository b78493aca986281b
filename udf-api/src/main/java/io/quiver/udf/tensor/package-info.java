/** Tensors as Arrow's canonical {@code arrow.fixed_shape_tensor} extension type. */
package io.quiver.udf.tensor;
