package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.runtime.BatchOrigin;
import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Cuts a stream into batches of exactly {@code size} rows (the last may be smaller) for a UDF's
 * {@code batch_size}: big batches are sliced without copying, small ones are concatenated. Each chunk
 * carries where its rows came from ({@link BatchOrigin}). With {@code size <= 0} batches pass unchanged.
 */
final class Rechunker implements AutoCloseable {
  /** A batch and the files its rows came from (null when unknown). */
  record Chunk(VectorSchemaRoot batch, String origin) {}

  private final BatchStream input;
  private final int size;
  private final BufferAllocator allocator;
  private VectorSchemaRoot current;
  private String currentOrigin;
  private int offset;
  private boolean done;

  Rechunker(BatchStream input, int size, BufferAllocator allocator) {
    this.input = input;
    this.size = size;
    this.allocator = allocator;
  }

  /**
   * About how many chunks are still to come: the input's {@link BatchStream#batchesAhead()} (an input
   * batch counted as one chunk), or -1 when the input does not know.
   */
  long chunksAhead() {
    return done ? 0 : input.batchesAhead();
  }

  /** The next non-empty chunk, owned by the caller, or null at the end. */
  Chunk next() {
    if (size <= 0) {
      while (true) {
        VectorSchemaRoot b = input.next();
        if (b == null) {
          return null;
        }
        if (b.getRowCount() > 0) {
          return new Chunk(b, BatchOrigin.current());
        }
        b.close();
      }
    }
    List<VectorSchemaRoot> pieces = new ArrayList<>();
    Set<String> origins = new LinkedHashSet<>();
    int rows = 0;
    while (rows < size && advance()) {
      int take = Math.min(size - rows, current.getRowCount() - offset);
      pieces.add(Batches.slice(current, offset, take, allocator));
      if (currentOrigin != null) {
        origins.add(currentOrigin);
      }
      offset += take;
      rows += take;
    }
    if (pieces.isEmpty()) {
      return null;
    }
    String origin = origins.isEmpty() ? null : String.join(", ", origins);
    if (pieces.size() == 1) {
      return new Chunk(pieces.get(0), origin);
    }
    VectorSchemaRoot joined = VectorSchemaRoot.create(input.schema(), allocator);
    try {
      joined.allocateNew();
      for (VectorSchemaRoot p : pieces) {
        BatchConcat.append(joined, p);
      }
    } catch (RuntimeException e) {
      joined.close();
      throw e;
    } finally {
      pieces.forEach(VectorSchemaRoot::close);
    }
    return new Chunk(joined, origin);
  }

  /** Makes {@code current} a batch with rows left after {@code offset}; false at the end. */
  private boolean advance() {
    while (current == null || offset >= current.getRowCount()) {
      if (current != null) {
        current.close();
        current = null;
      }
      if (done) {
        return false;
      }
      VectorSchemaRoot b = input.next();
      if (b == null) {
        done = true;
        return false;
      }
      current = b;
      currentOrigin = BatchOrigin.current();
      offset = 0;
    }
    return true;
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
    input.close();
  }
}
