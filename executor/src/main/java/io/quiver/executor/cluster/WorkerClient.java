package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The coordinator's handle on one worker, in-process or remote (Arrow Flight). Failures that mean the
 * worker is gone (connection refused, process dead) complete futures and throw with {@link
 * WorkerLostException}, so the scheduler can re-run the work elsewhere; a query error (bad file, UDF
 * exception) is a {@link io.quiver.executor.QuiverException} and is not retried.
 */
public interface WorkerClient extends AutoCloseable {
  /** Who this worker is and what it offers. */
  WorkerInfo info();

  /** Starts a task; the future completes when its output blocks are all stored. */
  CompletableFuture<TaskResult> submit(TaskSpec task);

  /**
   * As {@link #submit(TaskSpec)}, calling {@code started} once the task's blocks exist on the worker
   * (open, being written), from when consumers may stream them. This default says so when it is done.
   */
  default CompletableFuture<TaskResult> submit(TaskSpec task, Runnable started) {
    CompletableFuture<TaskResult> f = submit(task);
    f.whenComplete((r, e) -> {
      if (e == null) {
        started.run();
      }
    });
    return f;
  }

  /**
   * Streams a stored block; batches are allocated from {@code allocator} and owned by the caller. A
   * block whose task still runs is streamed as it grows, until the task seals it (or fails it: the
   * stream throws).
   */
  BatchStream fetch(BlockId block, BufferAllocator allocator);

  /** As {@link #fetch(BlockId, BufferAllocator)}, giving up waiting on a growing block once {@code stop} is true. */
  default BatchStream fetch(BlockId block, BufferAllocator allocator, java.util.function.BooleanSupplier stop) {
    return fetch(block, allocator);
  }

  /**
   * Cancels the query's running tasks on this worker (best effort, returns at once); a task key
   * {@code queryId/stage/task/attempt} cancels only that task.
   */
  void cancel(String queryId);

  /** Drops every block and table the query or table made on this worker. */
  void release(String queryId);

  @Override
  void close();
}
