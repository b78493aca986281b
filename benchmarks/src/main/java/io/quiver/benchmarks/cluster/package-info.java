/**
 * Cluster benchmarks: the data plane (Flight DoGet between two worker JVMs vs an Arrow IPC copy in one)
 * and {@link io.quiver.benchmarks.cluster.LocalCluster}, the worker JVMs {@code
 * io.quiver.benchmarks.ClusterScalingBenchmark} runs queries on.
 */
package io.quiver.benchmarks.cluster;
