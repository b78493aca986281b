package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.vector.Batches;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Blocks kept in memory under their ticket, without a budget: the worker's store until the runtime's
 * spilling {@code BlockStore} is wired in (and the transfer benchmark's). Readers get slices that
 * share the stored buffers (no copy) and may outlive a later drop.
 */
public final class MemoryBlocks implements BlockSource, AutoCloseable {
  private record Stored(Schema schema, List<VectorSchemaRoot> batches) {}

  private final Map<String, Stored> blocks = new ConcurrentHashMap<>();

  /** Keeps {@code batches} (ownership passes here) as block {@code key}, replacing an older one. */
  public void put(String key, Schema schema, List<VectorSchemaRoot> batches) {
    Stored old = blocks.put(key, new Stored(schema, List.copyOf(batches)));
    if (old != null) {
      old.batches().forEach(VectorSchemaRoot::close);
    }
  }

  @Override
  public BatchStream open(BlockId block, BufferAllocator allocator) {
    Stored s = blocks.get(block.ticket());
    if (s == null) {
      throw new QuiverException("Block " + block.ticket() + " is not stored on this worker.");
    }
    // Slices are taken now, while the block surely exists.
    List<VectorSchemaRoot> slices = s.batches().stream()
        .map(b -> Batches.slice(b, 0, b.getRowCount(), allocator)).toList();
    Iterator<VectorSchemaRoot> it = slices.iterator();
    return new BatchStream() {
      @Override
      public Schema schema() {
        return s.schema();
      }

      @Override
      public VectorSchemaRoot next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public void close() {
        it.forEachRemaining(VectorSchemaRoot::close);
      }
    };
  }

  /** Drops every block whose key starts with {@code prefix} (e.g. a query id and "/"). */
  public void dropPrefix(String prefix) {
    blocks.keySet().removeIf(k -> {
      if (!k.startsWith(prefix)) {
        return false;
      }
      Stored s = blocks.get(k);
      if (s != null) {
        s.batches().forEach(VectorSchemaRoot::close);
      }
      return true;
    });
  }

  public int size() {
    return blocks.size();
  }

  @Override
  public void close() {
    dropPrefix("");
  }
}
