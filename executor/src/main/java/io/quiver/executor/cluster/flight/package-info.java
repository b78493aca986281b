/**
 * The cluster over Arrow Flight: a worker process serves tasks ({@code DoAction submit}) and its blocks
 * ({@code DoGet}, ticket = {@link io.quiver.executor.cluster.BlockId#ticket()}) through {@link
 * io.quiver.executor.cluster.flight.WorkerFlightProducer}; the coordinator reaches it through {@link
 * io.quiver.executor.cluster.flight.RemoteWorkerClient}. Every call carries the {@link
 * io.quiver.executor.cluster.flight.ClusterSecret}. What a worker actually runs and stores is plugged in
 * through {@link io.quiver.executor.cluster.flight.WorkerServices} (a worker process: the cluster's
 * {@code TaskRunner} over the runtime's spilling {@code BlockStore}); tasks read other workers' blocks
 * through {@link io.quiver.executor.cluster.flight.PeerBlockFetcher}. A block can also be fetched over
 * several concurrent streams ({@link io.quiver.executor.cluster.flight.BlockTransfer}, off by default):
 * each serves one stripe of its batches and the fetcher interleaves them back into the block's order.
 */
package io.quiver.executor.cluster.flight;
