package io.quiver.executor.cluster.flight;

import io.quiver.executor.cluster.BlockStorage;
import io.quiver.executor.cluster.TaskRunner;
import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a worker's Flight service delegates to: running tasks, serving blocks (also while their task
 * still writes them), cancelling a query's running tasks (by query id, or one task by its
 * {@code queryId/stage/task/attempt} key) and dropping a query's blocks (by query id).
 */
public record WorkerServices(TaskExecutor tasks, BlockSource blocks, Consumer<String> cancel,
    Consumer<String> release) {

  /** A worker's services: tasks run by {@code runner}, blocks kept in and served from {@code store}. */
  public static WorkerServices of(TaskRunner runner, BlockStorage store) {
    BlockSource blocks = new BlockSource() {
      @Override
      public BatchStream open(BlockId block, BufferAllocator allocator) {
        return store.open(block.ticket(), allocator);
      }

      @Override
      public BatchStream open(BlockId block, BufferAllocator allocator, BooleanSupplier stop) {
        return store.open(block.ticket(), allocator, stop);
      }
    };
    TaskExecutor tasks = new TaskExecutor() {
      @Override
      public TaskResult run(TaskSpec task) {
        return runner.run(task);
      }

      @Override
      public TaskResult run(TaskSpec task, Runnable started) {
        return runner.run(task, started);
      }
    };
    return new WorkerServices(tasks, blocks, runner::cancel, q -> {
      runner.release(q);
      store.dropPrefix(q + "/");
    });
  }
}
