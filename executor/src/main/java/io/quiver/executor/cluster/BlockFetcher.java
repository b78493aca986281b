package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * How a task reads the blocks of earlier stages: from its own worker's store or from the worker that
 * holds them. Throws {@link WorkerLostException} when that worker is gone.
 */
@FunctionalInterface
public interface BlockFetcher {
  /** The block's batches, allocated in {@code allocator} and owned by the caller. */
  BatchStream fetch(BlockLocation location, BufferAllocator allocator);
}
