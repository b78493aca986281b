/**
 * The cluster's processes: the coordinator's {@link io.quiver.server.cluster.ClusterMembership} (who is
 * alive, from registrations and heartbeats) behind its {@link io.quiver.server.cluster.ClusterEndpoint},
 * the worker process ({@link io.quiver.server.cluster.WorkerMain}, {@code quiver worker}) with its
 * {@link io.quiver.server.cluster.CoordinatorLink}, and {@link io.quiver.server.cluster.LocalWorkers},
 * which spawns worker processes for {@code quiver server --workers N}.
 */
package io.quiver.server.cluster;
