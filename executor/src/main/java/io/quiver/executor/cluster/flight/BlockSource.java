package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.BlockId;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The worker's stored blocks, as {@code DoGet} serves them: a stream of caller-owned batches allocated
 * from {@code allocator}. Throws {@link io.quiver.executor.QuiverException} for an unknown block. The
 * runtime's {@code BlockStore} is one ({@code (id, a) -> store.open(id.ticket(), a)}).
 */
@FunctionalInterface
public interface BlockSource {
  BatchStream open(BlockId block, BufferAllocator allocator);
}
