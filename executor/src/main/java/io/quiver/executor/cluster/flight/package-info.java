/**
 * The cluster over Arrow Flight: a worker process serves tasks ({@code DoAction submit}) and its blocks
 * ({@code DoGet}, ticket = {@link io.quiver.executor.cluster.BlockId#ticket()}) through {@link
 * io.quiver.executor.cluster.flight.WorkerFlightProducer}; the coordinator reaches it through {@link
 * io.quiver.executor.cluster.flight.RemoteWorkerClient}. Every call carries the {@link
 * io.quiver.executor.cluster.flight.ClusterSecret}. What a worker actually runs and stores is plugged in
 * through {@link io.quiver.executor.cluster.flight.WorkerServices} (a worker process: the cluster's
 * {@code TaskRunner} over the runtime's spilling {@code BlockStore}); tasks read other workers' blocks
 * through {@link io.quiver.executor.cluster.flight.PeerBlockFetcher}.
 */
package io.quiver.executor.cluster.flight;
