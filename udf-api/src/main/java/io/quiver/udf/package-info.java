/**
 * What a Quiver UDF author compiles against: this package, {@link io.quiver.udf.tensor} and Apache Arrow
 * (nothing else). A UDF is a class implementing {@link io.quiver.udf.BatchFunction} (a scalar function
 * over batches of rows) or {@link io.quiver.udf.AggregateFunction} (partial state, merge, result),
 * declared with {@link io.quiver.udf.QuiverFunction}. Arguments and results are Arrow vectors (SQL
 * {@code INT} is an {@code IntVector}, {@code BIGINT} a {@code BigIntVector}, {@code DOUBLE} a
 * {@code Float8Vector}, {@code VARCHAR} a {@code VarCharVector}, {@code BOOLEAN} a {@code BitVector},
 * tensors a {@link io.quiver.udf.tensor.FixedShapeTensorVector}).
 *
 * <p>Life cycle of a batch function: the engine creates one instance per actor with a public no-argument
 * constructor, calls {@link io.quiver.udf.BatchFunction#open} once with the {@code WITH (...)} options
 * (load a model here), calls {@link io.quiver.udf.BatchFunction#apply} for every batch, and
 * {@link io.quiver.udf.BatchFunction#close} at the end. A complete example:
 *
 * <pre>{@code
 * @QuiverFunction(name = "plus_one", returnType = "BIGINT")
 * public final class PlusOne implements BatchFunction {
 *   public FieldVector apply(List<FieldVector> args, FunctionContext ctx) {
 *     BigIntVector in = (BigIntVector) args.get(0);
 *     BigIntVector out = new BigIntVector("plus_one", ctx.allocator());
 *     int n = in.getValueCount();
 *     out.allocateNew(n);
 *     for (int i = 0; i < n; i++) {
 *       if (in.isNull(i)) out.setNull(i); else out.set(i, in.get(i) + 1);
 *     }
 *     out.setValueCount(n);
 *     return out;
 *   }
 * }
 * }</pre>
 *
 * Build it into a jar (dependency {@code io.quiver:quiver-udf-api}, scope {@code provided}) and
 * register it with {@code CREATE FUNCTION plus_one AS 'PlusOne' USING JAR 'path/to.jar'}. The example
 * module {@code examples/mnist-udfs} of the Quiver source tree is a complete, buildable UDF project,
 * model inference with DJL included.
 */
package io.quiver.udf;
