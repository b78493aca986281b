/**
 * The cluster's processes and the coordinator's side of a query: the coordinator's
 * {@link io.quiver.server.cluster.ClusterMembership} (who is alive, from registrations and heartbeats)
 * behind its {@link io.quiver.server.cluster.ClusterEndpoint}, the worker process
 * ({@link io.quiver.server.cluster.WorkerMain}, {@code quiver worker}) with its
 * {@link io.quiver.server.cluster.CoordinatorLink}, {@link io.quiver.server.cluster.LocalWorkers}, which
 * spawns worker processes for {@code quiver server --workers N}, and
 * {@link io.quiver.server.cluster.ClusterScheduler}, which runs a query's stages on the workers
 * ({@link io.quiver.server.cluster.StageRun}: placement, stages streaming into each other, lineage
 * re-runs after a worker is lost, cancel, release; its bookkeeping of task attempts and stage stats in
 * {@link io.quiver.server.cluster.StageAttempts}, the blocks its consumers read in
 * {@link io.quiver.server.cluster.ConsumerBlocks}; {@link io.quiver.server.cluster.ResultStream}: the
 * coordinator's fragment over the last stages' blocks as they come), with
 * {@link io.quiver.server.cluster.ClusterTable} recording a materialized table kept as blocks on the workers.
 */
package io.quiver.server.cluster;
