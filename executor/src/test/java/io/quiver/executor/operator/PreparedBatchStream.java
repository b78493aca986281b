package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A stream over prepared batches, for operator tests; closes what was not consumed. */
final class PreparedBatchStream implements BatchStream {
  private final Schema schema;
  private final Deque<VectorSchemaRoot> batches;
  boolean closed;

  PreparedBatchStream(Schema schema, List<VectorSchemaRoot> batches) {
    this.schema = schema;
    this.batches = new ArrayDeque<>(batches);
  }

  Deque<VectorSchemaRoot> batches() {
    return batches;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    return batches.poll();
  }

  @Override
  public void close() {
    closed = true;
    batches.forEach(VectorSchemaRoot::close);
    batches.clear();
  }
}
