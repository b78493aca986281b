package io.quiver.executor.cluster;

import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Cuts one output partition of a task into batches near {@code batchSize} rows and hands each to a
 * sink (the open block it is published in) as soon as it is complete: batches of at least half that
 * size pass as they are, smaller ones (a hash exchange of many partitions, a selective filter) are
 * concatenated until they reach it, so readers get few, evenly sized batches.
 */
final class BlockBuilder implements AutoCloseable {
  private final Schema schema;
  private final int batchSize;
  private final BufferAllocator allocator;
  private final Consumer<VectorSchemaRoot> sink;
  private final List<VectorSchemaRoot> small = new ArrayList<>();
  private int smallRows;
  private long rows;
  private long bytes;

  /** @param sink takes ownership of each finished batch */
  BlockBuilder(Schema schema, int batchSize, BufferAllocator allocator, Consumer<VectorSchemaRoot> sink) {
    this.sink = sink;
    this.schema = schema;
    this.batchSize = Math.max(1, batchSize);
    this.allocator = allocator;
  }

  /** Takes ownership of {@code batch}. */
  void add(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    rows += n;
    if (n * 2 >= batchSize) {
      keep(batch);
      return;
    }
    small.add(batch);
    smallRows += n;
    if (smallRows >= batchSize) {
      flushSmall();
    }
  }

  private void flushSmall() {
    if (small.size() == 1) {
      keep(small.get(0));
    } else if (!small.isEmpty()) {
      VectorSchemaRoot joined = Batches.empty(schema, allocator);
      try {
        joined.allocateNew();
        for (VectorSchemaRoot b : small) {
          BatchConcat.append(joined, b);
        }
      } catch (RuntimeException e) {
        joined.close();
        throw e;
      }
      small.forEach(VectorSchemaRoot::close);
      keep(joined);
    }
    small.clear();
    smallRows = 0;
  }

  private void keep(VectorSchemaRoot b) {
    for (var v : b.getFieldVectors()) {
      bytes += v.getBufferSize();
    }
    sink.accept(b);
  }

  /** Hands the last, short batch to the sink. */
  void finish() {
    flushSmall();
  }

  long rows() {
    return rows;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    small.forEach(VectorSchemaRoot::close);
    small.clear();
  }
}
