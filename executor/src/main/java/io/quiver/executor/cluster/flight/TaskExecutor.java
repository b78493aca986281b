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
}
