/** The cluster's data-plane benchmark: Flight DoGet between two JVMs vs an Arrow IPC copy in one. */
package io.quiver.benchmarks.cluster;
