package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A worker in the coordinator's JVM: runs tasks with a {@link TaskRunner} on a thread pool and keeps
 * their blocks in its own {@link BlockStorage}; blocks of other workers are fetched from them through
 * {@code peers}. The embedded engine's "cluster of one", and the workers of the scheduler's tests.
 *
 * <p>{@link #kill()} makes it behave like a worker process that died: its running tasks stop, its blocks
 * vanish, and every call (and every stream still reading one of its blocks) throws
 * {@link WorkerLostException}.
 */
public final class InProcessWorkerClient implements WorkerClient {
  private final WorkerInfo info;
  private final ExecutorService pool;
  private final BlockStorage store;
  private final TaskRunner runner;
  private final Set<CompletableFuture<TaskResult>> pending = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean dead;

  /**
   * @param allocator the parent of task allocators (the same root as the store's and the coordinator's)
   * @param peers the other workers by id, for fetching their blocks
   */
  public InProcessWorkerClient(WorkerInfo info, BufferAllocator allocator, ExecutorService pool,
      BlockStorage store, Function<String, WorkerClient> peers) {
    this.info = info;
    this.pool = pool;
    this.store = store;
    BlockFetcher fetcher = new BlockFetcher() {
      @Override
      public BatchStream fetch(BlockLocation loc, BufferAllocator a) {
        return fetch(loc, a, () -> false);
      }

      @Override
      public BatchStream fetch(BlockLocation loc, BufferAllocator a, BooleanSupplier stop) {
        return loc.workerId().equals(info.id()) ? InProcessWorkerClient.this.fetch(loc.block(), a, stop)
            : peers.apply(loc.workerId()).fetch(loc.block(), a, stop);
      }
    };
    this.runner = new TaskRunner(allocator, pool, store, fetcher);
  }

  @Override
  public WorkerInfo info() {
    return info;
  }

  @Override
  public CompletableFuture<TaskResult> submit(TaskSpec task) {
    return submit(task, () -> {});
  }

  @Override
  public CompletableFuture<TaskResult> submit(TaskSpec task, Runnable started) {
    CompletableFuture<TaskResult> f = new CompletableFuture<>();
    if (dead) {
      f.completeExceptionally(lost(null));
      return f;
    }
    pending.add(f);
    active.incrementAndGet();
    pool.execute(() -> {
      try {
        TaskResult r = runner.run(task, started);
        if (dead) {
          store.dropPrefix(task.queryId() + "/");
          f.completeExceptionally(lost(null));
        } else {
          f.complete(r);
        }
      } catch (Throwable t) {
        f.completeExceptionally(dead ? lost(t) : t);
      } finally {
        pending.remove(f);
        active.decrementAndGet();
      }
    });
    return f;
  }

  @Override
  public BatchStream fetch(BlockId block, BufferAllocator allocator) {
    return fetch(block, allocator, () -> false);
  }

  @Override
  public BatchStream fetch(BlockId block, BufferAllocator allocator, BooleanSupplier stop) {
    checkAlive();
    BatchStream s = store.open(block.ticket(), allocator, () -> dead || stop.getAsBoolean());
    return new BatchStream() {
      @Override
      public Schema schema() {
        try {
          return s.schema();
        } catch (RuntimeException e) {
          checkAlive(); // waiting for the block ends with the worker's death: that is a lost worker
          throw e;
        }
      }

      @Override
      public VectorSchemaRoot next() {
        checkAlive(); // a dead process stops serving in the middle of a stream too
        try {
          return s.next();
        } catch (RuntimeException e) {
          checkAlive();
          throw e;
        }
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  @Override
  public void cancel(String queryId) {
    if (!dead) {
      runner.cancel(queryId);
    }
  }

  @Override
  public void release(String queryId) {
    checkAlive();
    runner.release(queryId);
    store.dropPrefix(queryId + "/");
  }

  /** Simulates the worker's process dying (kill -9): for fault tests. */
  public void kill() {
    dead = true;
    runner.cancelAll();
    store.dropPrefix("");
    for (CompletableFuture<TaskResult> f : pending) {
      f.completeExceptionally(lost(null));
    }
  }

  public boolean isDead() {
    return dead;
  }

  private void checkAlive() {
    if (dead) {
      throw lost(null);
    }
  }

  private WorkerLostException lost(Throwable cause) {
    return new WorkerLostException(info.id(), cause == null ? new IllegalStateException("process killed") : cause);
  }

  @Override
  public void close() {
    runner.cancelAll();
    // Tasks of a killed worker may still be unwinding; their memory must be back before the caller's
    // allocator closes.
    long deadline = System.currentTimeMillis() + 10_000;
    while (active.get() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    runner.close();
    store.dropPrefix("");
  }
}
