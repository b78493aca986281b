package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where a worker keeps its task outputs (blocks, named by {@link BlockId#ticket()}) and materialized
 * tables. The subset of {@code io.quiver.executor.runtime.BlockStore}'s API that tasks need, so the
 * task side does not depend on how blocks are kept (in memory, spilled to disk).
 *
 * <p>Blocks are published while their task runs: {@link #create} an open block, {@link #append}
 * batches, then {@link #seal} it (or {@link #fail} it). Readers of an open block get its batches as they
 * arrive and wait for more until it is sealed; a failed block makes them throw the task's error.
 */
public interface BlockStorage {
  /** Stores (or replaces) a sealed block {@code key}; takes ownership of {@code batches}, also when it throws. */
  void put(String key, Schema schema, List<VectorSchemaRoot> batches);

  /** Starts the open block {@code key}: readable at once, empty so far. */
  void create(String key, Schema schema);

  /** Appends a batch to the open block {@code key}; takes ownership of it, also when it throws. */
  void append(String key, VectorSchemaRoot batch);

  /** Ends the open block {@code key}: its readers reach the end. */
  void seal(String key);

  /** Fails the open block {@code key}: its readers throw {@code cause} (a no-op for a sealed block). */
  void fail(String key, RuntimeException cause);

  /**
   * Streams block {@code key} as caller-owned batches allocated in (or moved to) {@code allocator}; an
   * open block (or one not created yet) is read as it grows, waiting for more until it is sealed.
   */
  BatchStream open(String key, BufferAllocator allocator);

  /** As {@link #open(String, BufferAllocator)}; waiting stops with "Query cancelled." once {@code stop} is true. */
  default BatchStream open(String key, BufferAllocator allocator, BooleanSupplier stop) {
    return open(key, allocator);
  }

  boolean contains(String key);

  void drop(String key);

  /** Drops every block whose key starts with {@code keyPrefix} (a query's or table's blocks). */
  void dropPrefix(String keyPrefix);
}
