package io.quiver.udf;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A scalar UDF over batches: called with one Arrow vector per SQL argument (all of the same length)
 * and returning one vector of that length. Instances are long-lived: opened once, reused for every batch
 * of a query, closed at the end, and never called by two threads at once.
 */
public interface BatchFunction extends AutoCloseable {
  /** Once per instance, before the first batch: load models, open connections. */
  default void open(FunctionContext context) throws Exception {}

  /**
   * Computes one batch. The arguments belong to the engine and must not be closed or kept; the result
   * must be allocated from {@link FunctionContext#allocator()} and have exactly the arguments' row count.
   */
  FieldVector apply(List<FieldVector> arguments, FunctionContext context) throws Exception;

  /**
   * The result column for these argument columns and options, when it depends on them (e.g. a tensor
   * shape). Return null to use {@link QuiverFunction#returnType()}. Called on an instance that is not
   * opened, at planning time.
   */
  default Field returnField(List<Field> arguments, Map<String, String> options) {
    return null;
  }

  /** Once per instance, after the last batch. */
  @Override
  default void close() throws Exception {}
}
