package io.quiver.server.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Blocks the coordinator copied from the workers for its top fragment, so a worker lost while the user
 * reads the result no longer matters. Readers get zero-copy slices.
 */
final class LocalBlocks implements AutoCloseable {
  private final Map<BlockLocation, List<VectorSchemaRoot>> blocks = new HashMap<>();

  void put(BlockLocation loc, List<VectorSchemaRoot> batches) {
    List<VectorSchemaRoot> old = blocks.put(loc, batches);
    if (old != null) {
      old.forEach(VectorSchemaRoot::close);
    }
  }

  boolean contains(BlockLocation loc) {
    return blocks.containsKey(loc);
  }

  BatchStream open(BlockLocation loc, Schema schema, BufferAllocator allocator) {
    List<VectorSchemaRoot> slices = new ArrayList<>();
    for (VectorSchemaRoot b : blocks.getOrDefault(loc, List.of())) {
      slices.add(Batches.slice(b, 0, b.getRowCount(), allocator));
    }
    Iterator<VectorSchemaRoot> it = slices.iterator();
    return new BatchStream() {
      @Override
      public Schema schema() {
        return schema;
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
  public void close() {
    blocks.values().forEach(l -> l.forEach(VectorSchemaRoot::close));
    blocks.clear();
  }
}
