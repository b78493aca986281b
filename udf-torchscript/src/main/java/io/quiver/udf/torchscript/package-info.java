/**
 * The built-in {@code torchscript} UDF: TorchScript model inference through DJL's PyTorch engine, shipped
 * as its own UDF jar so that the engine never depends on DJL. See {@link io.quiver.udf.torchscript.TorchScriptFunction}.
 */
package io.quiver.udf.torchscript;
