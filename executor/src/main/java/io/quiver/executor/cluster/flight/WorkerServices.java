package io.quiver.executor.cluster.flight;

import java.util.function.Consumer;

/**
 * What a worker's Flight service delegates to: running tasks, serving blocks, cancelling a query's
 * running tasks and dropping a query's blocks (both by query id).
 */
public record WorkerServices(TaskExecutor tasks, BlockSource blocks, Consumer<String> cancel,
    Consumer<String> release) {}
