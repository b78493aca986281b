package io.quiver.executor.cluster.flight;

import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;

/**
 * Runs one task on the worker and stores its output blocks where the worker's {@link BlockSource} serves
 * them; returns when they are all stored. The cluster's {@code TaskRunner} is one.
 */
@FunctionalInterface
public interface TaskExecutor {
  TaskResult run(TaskSpec task);

  /**
   * As {@link #run(TaskSpec)}, calling {@code started} once the task's blocks exist (open), so readers
   * may stream them from then on. This default says so only at the end.
   */
  default TaskResult run(TaskSpec task, Runnable started) {
    TaskResult r = run(task);
    started.run();
    return r;
  }
}
