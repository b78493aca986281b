package io.quiver.executor.expr;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** An expression prepared for repeated evaluation over batches of one schema. */
public interface CompiledExpr {
  /**
   * Evaluates over every row of {@code batch}; the result has {@code batch.getRowCount()} values, is
   * allocated from the query's allocator and is owned by the caller.
   */
  FieldVector evaluate(VectorSchemaRoot batch);
}
