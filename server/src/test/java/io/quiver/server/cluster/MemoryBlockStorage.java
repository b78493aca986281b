package io.quiver.server.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockStorage;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A {@link BlockStorage} in memory, for tests until the spilling BlockStore implements the interface:
 * stored batches move into the storage's own allocator; readers get zero-copy slices.
 */
public final class MemoryBlockStorage implements BlockStorage, AutoCloseable {
  private record Block(Schema schema, List<VectorSchemaRoot> batches) {}

  private final BufferAllocator allocator;
  private final Map<String, Block> blocks = new ConcurrentHashMap<>();

  public MemoryBlockStorage(BufferAllocator parent) {
    this.allocator = parent.newChildAllocator("blocks", 0, Long.MAX_VALUE);
  }

  @Override
  public void put(String key, Schema schema, List<VectorSchemaRoot> batches) {
    List<VectorSchemaRoot> owned = new ArrayList<>();
    try {
      for (VectorSchemaRoot b : batches) {
        List<FieldVector> moved = new ArrayList<>();
        for (FieldVector v : b.getFieldVectors()) {
          TransferPair tp = v.getTransferPair(allocator);
          tp.transfer();
          moved.add((FieldVector) tp.getTo());
        }
        owned.add(new VectorSchemaRoot(schema.getFields(), moved, b.getRowCount()));
        b.close();
      }
    } catch (RuntimeException e) {
      batches.forEach(VectorSchemaRoot::close);
      owned.forEach(VectorSchemaRoot::close);
      throw e;
    }
    Block old = blocks.put(key, new Block(schema, owned));
    if (old != null) {
      old.batches().forEach(VectorSchemaRoot::close);
    }
  }

  @Override
  public synchronized BatchStream open(String key, BufferAllocator target) {
    Block b = blocks.get(key);
    if (b == null) {
      throw new QuiverException("No block '" + key + "' on this worker.");
    }
    List<VectorSchemaRoot> slices = new ArrayList<>();
    for (VectorSchemaRoot r : b.batches()) {
      slices.add(Batches.slice(r, 0, r.getRowCount(), target));
    }
    Iterator<VectorSchemaRoot> it = slices.iterator();
    return new BatchStream() {
      @Override
      public Schema schema() {
        return b.schema();
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

  @Override
  public boolean contains(String key) {
    return blocks.containsKey(key);
  }

  @Override
  public synchronized void drop(String key) {
    Block b = blocks.remove(key);
    if (b != null) {
      b.batches().forEach(VectorSchemaRoot::close);
    }
  }

  @Override
  public synchronized void dropPrefix(String keyPrefix) {
    for (String k : List.copyOf(blocks.keySet())) {
      if (k.startsWith(keyPrefix)) {
        drop(k);
      }
    }
  }

  public int size() {
    return blocks.size();
  }

  @Override
  public void close() {
    dropPrefix("");
    allocator.close();
  }
}
