package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.plan.*;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Placeholder until the operator is built. */
public final class UnionOperator implements BatchStream {
  public UnionOperator(List<BatchStream> inputs, Schema schema) {
    throw new UnsupportedOperationException("UnionOperator not built yet");
  }

  @Override
  public Schema schema() {
    throw new UnsupportedOperationException();
  }

  @Override
  public VectorSchemaRoot next() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
