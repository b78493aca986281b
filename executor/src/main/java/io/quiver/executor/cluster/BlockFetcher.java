package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * How a task reads the blocks of earlier stages: from its own worker's store or from the worker that
 * holds them. Throws {@link WorkerLostException} when that worker is gone. A block still being written
 * is read as it grows (see {@link BlockStorage}).
 */
@FunctionalInterface
public interface BlockFetcher {
  /** The block's batches, allocated in {@code allocator} and owned by the caller. */
  BatchStream fetch(BlockLocation location, BufferAllocator allocator);

  /**
   * As {@link #fetch(BlockLocation, BufferAllocator)}, where a wait for a block still being written
   * stops once {@code stop} is true (the reading task was cancelled). Fetchers that cannot poll it
   * (a Flight stream) rely on the producer's block failing instead.
   */
  default BatchStream fetch(BlockLocation location, BufferAllocator allocator, BooleanSupplier stop) {
    return fetch(location, allocator);
  }
}
