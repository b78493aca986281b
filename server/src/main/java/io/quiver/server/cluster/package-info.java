/**
 * The coordinator's side of the cluster: {@link io.quiver.server.cluster.ClusterScheduler} runs a query's
 * stages on the workers (placement, lineage re-runs after a worker is lost, cancel, release), and
 * {@link io.quiver.server.cluster.ClusterTable} records a materialized table kept as blocks on the workers.
 */
package io.quiver.server.cluster;
