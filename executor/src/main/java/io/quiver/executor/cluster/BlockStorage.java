package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where a worker keeps its task outputs (blocks, named by {@link BlockId#ticket()}) and materialized
 * tables. The subset of {@code io.quiver.executor.runtime.BlockStore}'s API that tasks need, so the
 * task side does not depend on how blocks are kept (in memory, spilled to disk).
 */
public interface BlockStorage {
  /** Stores (or replaces) block {@code key}; takes ownership of {@code batches}, also when it throws. */
  void put(String key, Schema schema, List<VectorSchemaRoot> batches);

  /** Streams block {@code key} as caller-owned batches allocated in (or moved to) {@code allocator}. */
  BatchStream open(String key, BufferAllocator allocator);

  boolean contains(String key);

  void drop(String key);

  /** Drops every block whose key starts with {@code keyPrefix} (a query's or table's blocks). */
  void dropPrefix(String keyPrefix);
}
