/**
 * What a Quiver UDF author compiles against. A UDF is a class implementing {@link BatchFunction} (a
 * scalar function over batches of rows) or {@link AggregateFunction} (partial state, merge, result),
 * declared with {@link QuiverFunction}. Arguments and results are Arrow vectors; tensors use
 * {@link io.quiver.udf.tensor.FixedShapeTensorType}. The only dependencies are {@code java.*} and Arrow.
 *
 * <p>Life cycle of a batch function: the engine creates one instance per actor with a public no-argument
 * constructor, calls {@link BatchFunction#open} once with the {@code WITH (...)} options (load a model
 * here), calls {@link BatchFunction#apply} for every batch, and {@link BatchFunction#close} at the end.
 */
package io.quiver.udf;
