package io.quiver.executor.cluster;

/**
 * What a finished task reports: the rows and Arrow bytes it wrote to each output partition (index =
 * partition), and its metrics (EXPLAIN ANALYZE lines) as text.
 */
public record TaskResult(long[] rowsPerPartition, long[] bytesPerPartition, String metrics) {}
