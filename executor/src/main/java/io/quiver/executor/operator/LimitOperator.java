package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.vector.Batches;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * OFFSET/LIMIT: skips {@code offset} rows, then passes at most {@code fetch} ({@code -1}: all) as
 * zero-copy slices. Once the last row is out it closes its input without pulling more, so a LIMIT stops
 * the scans below it.
 */
public final class LimitOperator implements BatchStream {
  private final BatchStream input;
  private long toSkip;
  private long remaining;
  private boolean done;

  public LimitOperator(BatchStream input, long offset, long fetch) {
    this.input = input;
    this.toSkip = Math.max(0, offset);
    this.remaining = fetch < 0 ? Long.MAX_VALUE : fetch;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    while (!done) {
      if (remaining == 0) {
        finish();
        break;
      }
      VectorSchemaRoot batch = input.next();
      if (batch == null) {
        finish();
        break;
      }
      int n = batch.getRowCount();
      if (toSkip >= n) {
        toSkip -= n;
        batch.close();
        continue;
      }
      int start = (int) toSkip;
      int length = (int) Math.min(n - start, remaining);
      toSkip = 0;
      remaining -= length;
      VectorSchemaRoot out = start == 0 && length == n ? batch : slice(batch, start, length);
      if (remaining == 0) {
        finish();
      }
      return out;
    }
    return null;
  }

  /** A slice of {@code batch}, which is closed (the slice keeps its buffers alive). */
  private static VectorSchemaRoot slice(VectorSchemaRoot batch, int start, int length) {
    try (batch) {
      if (batch.getFieldVectors().isEmpty()) {
        return new VectorSchemaRoot(List.of(), List.of(), length);
      }
      return Batches.slice(batch, start, length, batch.getVector(0).getAllocator());
    }
  }

  private void finish() {
    if (!done) {
      done = true;
      input.close();
    }
  }

  @Override
  public void close() {
    finish();
  }
}
