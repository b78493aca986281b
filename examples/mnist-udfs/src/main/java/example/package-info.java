/**
 * The example UDF jar of Quiver's walk-through: {@link example.Normalize} (UINT8 image → FLOAT [1,H,W]
 * in [-1,1]) and {@link example.MnistClassifier} (TorchScript MNIST model via DJL, batch → INT label).
 * Built the way a user builds a UDF jar: {@code quiver-udf-api} provided, DJL bundled.
 */
package example;
