package io.quiver.executor.cluster.flight;

import io.quiver.executor.cluster.BlockStorage;
import io.quiver.executor.cluster.TaskRunner;
import java.util.function.Consumer;

/**
 * What a worker's Flight service delegates to: running tasks, serving blocks, cancelling a query's
 * running tasks and dropping a query's blocks (both by query id).
 */
public record WorkerServices(TaskExecutor tasks, BlockSource blocks, Consumer<String> cancel,
    Consumer<String> release) {

  /** A worker's services: tasks run by {@code runner}, blocks kept in and served from {@code store}. */
  public static WorkerServices of(TaskRunner runner, BlockStorage store) {
    return new WorkerServices(runner::run, (id, a) -> store.open(id.ticket(), a), runner::cancel, q -> {
      runner.release(q);
      store.dropPrefix(q + "/");
    });
  }
}
