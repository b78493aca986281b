package io.quiver.executor.cluster;

/** Where a block can be fetched: the worker holding it ({@link WorkerInfo#id()}) and its name. */
public record BlockLocation(String workerId, BlockId block) {}
