/**
 * The contract between the coordinator and its workers: a {@link io.quiver.executor.cluster.TaskSpec}
 * (one copy of a stage's plan fragment) goes to a {@link io.quiver.executor.cluster.WorkerClient}, which
 * runs it and keeps its output as blocks ({@link io.quiver.executor.cluster.BlockId}) split by the
 * stage's {@link io.quiver.executor.cluster.Partitioning}; the next stage's tasks fetch those blocks
 * through {@link io.quiver.executor.plan.StageInputNode} leaves. Blocks are published while their task
 * runs (open, then sealed or failed: {@link io.quiver.executor.cluster.BlockStorage}), so the next stage
 * can stream them before the producing stage ends. The same contract is served in-process
 * (the embedded engine is a cluster of one) and over Arrow Flight by worker processes.
 */
package io.quiver.executor.cluster;
