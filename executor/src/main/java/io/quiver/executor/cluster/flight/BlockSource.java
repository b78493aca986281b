package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.BlockId;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The worker's stored blocks, as {@code DoGet} serves them: a stream of caller-owned batches allocated
 * from {@code allocator}. A block whose task still runs streams as it grows (the stream waits for more
 * until the task seals it, and throws if the task fails). The runtime's {@code BlockStore} is one
 * ({@code (id, a) -> store.open(id.ticket(), a)}).
 */
@FunctionalInterface
public interface BlockSource {
  BatchStream open(BlockId block, BufferAllocator allocator);

  /** As {@link #open(BlockId, BufferAllocator)}, giving up waiting on a growing block once {@code stop} is true. */
  default BatchStream open(BlockId block, BufferAllocator allocator, BooleanSupplier stop) {
    return open(block, allocator);
  }
}
