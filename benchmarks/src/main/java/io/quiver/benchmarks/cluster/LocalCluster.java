package io.quiver.benchmarks.cluster;

import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.flight.RemoteWorkerClient;
import io.quiver.executor.cluster.flight.UdfJars;
import io.quiver.server.QuiverEngine;
import io.quiver.server.cluster.ClusterEndpoint;
import io.quiver.server.cluster.ClusterMembership;
import io.quiver.server.cluster.LocalWorkers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * An engine's cluster of worker JVMs on this machine, as {@code quiver server --workers N} starts it: the
 * coordinator's cluster endpoint and membership in this JVM, attached to the engine, and N {@link
 * LocalWorkers} (this JVM's flags, plus {@code extraJvmFlags}) advertising the machine's cores shared out
 * among them. Close it before the engine.
 */
public final class LocalCluster implements AutoCloseable {
  private final QuiverEngine engine;
  private final BufferAllocator allocator;
  private final ClusterMembership membership;
  private final ClusterEndpoint endpoint;
  private LocalWorkers workers;

  private LocalCluster(QuiverEngine engine, ClusterSecret secret) throws IOException {
    this.engine = engine;
    this.allocator = engine.newAllocator("cluster");
    UdfJars jars = new UdfJars();
    this.membership = new ClusterMembership(w -> new RemoteWorkerClient(w, secret, allocator, jars),
        Duration.ofSeconds(3));
    this.endpoint = ClusterEndpoint.start("127.0.0.1", 0, secret, membership, allocator);
  }

  /** Starts {@code count} workers for {@code engine}, waits until they registered, and runs its queries on them. */
  public static LocalCluster start(QuiverEngine engine, int count, List<String> extraJvmFlags)
      throws IOException, InterruptedException {
    ClusterSecret secret = ClusterSecret.generate();
    LocalCluster c = new LocalCluster(engine, secret);
    try {
      double cpus = Math.max(1, Runtime.getRuntime().availableProcessors() / count);
      c.workers = LocalWorkers.start(count, c.endpoint.address(), secret, cpus, null, extraJvmFlags);
      c.workers.awaitRegistered(c.membership, Duration.ofSeconds(120));
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    engine.useCluster(c.membership);
    return c;
  }

  /** The worker processes (for their CPU time). */
  public List<Process> processes() {
    return workers == null ? List.of() : workers.processes();
  }

  @Override
  public void close() {
    engine.useWorkers(null);
    if (workers != null) {
      workers.close();
    }
    membership.close();
    endpoint.close();
    allocator.close();
  }
}
