package io.quiver.udf;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A scalar UDF over batches of rows: called with one Arrow vector per SQL argument (all of the same
 * length) and returning one vector of that length, row {@code i} of the result belonging to row
 * {@code i} of the arguments.
 *
 * <h2>Life cycle</h2>
 * <ol>
 *   <li>The engine creates an instance with the public no-argument constructor, once per actor (a
 *       {@code concurrency = '1..4'} pool makes up to four). Planning creates separate instances only
 *       to call {@link #returnField}; those are never opened.</li>
 *   <li>{@link #open} runs once per instance before the first batch: load a model, open a connection.
 *       Options from {@code CREATE FUNCTION ... WITH (...)} are in {@link FunctionContext#options()}.</li>
 *   <li>{@link #apply} runs for every batch, on one thread at a time per instance, so an instance may
 *       keep unsynchronized state (a model, a buffer) between calls. Different instances run in
 *       parallel, so anything {@code static} must be thread-safe.</li>
 *   <li>{@link #close} runs once at the end, also after a failure.</li>
 * </ol>
 *
 * <h2>Declaring it</h2>
 * Annotate the class with {@link QuiverFunction} (SQL name, return type, default hints) and register it:
 * <pre>{@code
 * CREATE FUNCTION classify AS 'example.MnistClassifier' USING JAR 'mnist-udfs.jar'
 *   WITH (model_path = 'model.pt', batch_size = 100, concurrency = '1..4');
 * }</pre>
 * or list it in the jar's {@code META-INF/services/io.quiver.udf.BatchFunction} and run
 * {@code LOAD JAR 'mnist-udfs.jar'}, which registers every listed class under its annotated name.
 *
 * <h2>Packaging</h2>
 * Compile against {@code quiver-udf-api} with Maven scope {@code provided} and bundle every other
 * dependency in the jar (a "fat" jar, e.g. with the shade plugin). Each jar gets its own class loader
 * whose parent sees only the JDK, this API and Arrow, so bundled libraries never clash with Quiver's.
 * During {@code open}, {@code apply} and {@code close} the thread's context class loader is the jar's.
 *
 * <h2>Memory</h2>
 * The argument vectors belong to the engine: read them, never close or keep them after {@code apply}
 * returns. Allocate the result from {@link FunctionContext#allocator()}; the engine takes ownership of
 * it (and closes it). {@link io.quiver.udf.tensor.TensorVectors} reads and builds tensor columns.
 *
 * <h2>Errors</h2>
 * An exception from {@code apply} fails the batch; the engine retries it up to {@code max_retries} times,
 * then applies {@code on_error} ({@code fail}, {@code skip} or {@code null}) and reports the function's
 * name, the exception and the input file. An exception from {@code open} fails the query.
 */
public interface BatchFunction extends AutoCloseable {
  /**
   * Once per instance, before the first batch: load models, open connections. The context stays valid
   * until {@link #close}; the same object is passed to every {@link #apply}.
   */
  default void open(FunctionContext context) throws Exception {}

  /**
   * Computes one batch.
   *
   * @param arguments one vector per SQL argument, in call order, all with the same value count (which
   *     is at most the {@code batch_size} hint when one is set). They belong to the engine: do not close
   *     or keep them.
   * @param context the same context {@link #open} received
   * @return a new vector allocated from {@link FunctionContext#allocator()}, with exactly the arguments'
   *     value count ({@code setValueCount} called), of the type {@link #returnField} or
   *     {@link QuiverFunction#returnType()} declares; the engine takes ownership
   */
  FieldVector apply(List<FieldVector> arguments, FunctionContext context) throws Exception;

  /**
   * The result column for these argument columns and options, when it depends on them (e.g. a tensor
   * shape computed from the input shape, or an output type chosen by an option). Return null to use
   * {@link QuiverFunction#returnType()}. Called at planning time (CREATE FUNCTION and every query using
   * the function) on an instance that is not opened, so it must be cheap and must not load anything.
   * Throw {@link IllegalArgumentException} with a clear message when the arguments do not fit; the user
   * sees it as a planning error.
   *
   * @param arguments the argument columns' fields (name, type, children; tensor columns have a
   *     {@link io.quiver.udf.tensor.FixedShapeTensorType}, see
   *     {@link io.quiver.udf.tensor.TensorVectors#typeOf})
   * @param options the same options {@link FunctionContext#options()} will hold
   * @return the result field (its name does not matter), or null
   */
  default Field returnField(List<Field> arguments, Map<String, String> options) {
    return null;
  }

  /** Once per instance, after the last batch or after a failure: release models and connections. */
  @Override
  default void close() throws Exception {}
}
