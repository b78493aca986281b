package io.quiver.server.cluster;

import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.flight.RemoteWorkerClient;
import io.quiver.executor.cluster.flight.UdfJars;
import io.quiver.server.QuiverEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A real cluster for tests: the coordinator's endpoint and membership in this JVM, attached to
 * {@code engine} (as {@code quiver server --workers N} does), and worker processes spawned by
 * {@link LocalWorkers} on 127.0.0.1 with free ports. More workers can be added (after a chaos test
 * killed some). Close it before the engine.
 */
public final class ProcessCluster implements AutoCloseable {
  /** Worker JVMs tuned for quick start-up and a small footprint on a 2-core machine. */
  private static final List<String> WORKER_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-Xmx768m", "-XX:MaxDirectMemorySize=1g");

  private final QuiverEngine engine;
  private final ClusterSecret secret = ClusterSecret.generate();
  private final BufferAllocator allocator;
  private final ClusterMembership membership;
  private final ClusterEndpoint endpoint;
  private final List<LocalWorkers> workers = new ArrayList<>();

  private ProcessCluster(QuiverEngine engine) throws IOException {
    this.engine = engine;
    this.allocator = engine.newAllocator("cluster");
    UdfJars jars = new UdfJars();
    this.membership = new ClusterMembership(w -> new RemoteWorkerClient(w, secret, allocator, jars),
        Duration.ofSeconds(3));
    this.endpoint = ClusterEndpoint.start("127.0.0.1", 0, secret, membership, allocator);
  }

  /** Starts {@code count} worker processes of one CPU each and runs {@code engine}'s queries on them. */
  public static ProcessCluster start(QuiverEngine engine, int count) throws IOException, InterruptedException {
    ProcessCluster c = new ProcessCluster(engine);
    try {
      c.addWorkers(count);
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    engine.useCluster(c.membership);
    return c;
  }

  /** Starts {@code count} more workers and waits until they registered. */
  public void addWorkers(int count) throws IOException, InterruptedException {
    int before = membership.live().size();
    LocalWorkers w = LocalWorkers.start(count, endpoint.address(), secret, 1, "512m", WORKER_JVM);
    workers.add(w);
    if (!membership.awaitLive(before + count, Duration.ofSeconds(60))) {
      throw new IllegalStateException("only " + membership.live().size() + " of " + (before + count)
          + " workers registered within 60 s; their logs are in " + w.logDir());
    }
  }

  /** Every worker process started so far, in start order (dead ones included). */
  public List<Process> processes() {
    List<Process> out = new ArrayList<>();
    workers.forEach(w -> out.addAll(w.processes()));
    return out;
  }

  public ClusterMembership membership() {
    return membership;
  }

  @Override
  public void close() {
    engine.useWorkers(null);
    workers.forEach(LocalWorkers::close);
    membership.close();
    endpoint.close();
    allocator.close();
  }
}
