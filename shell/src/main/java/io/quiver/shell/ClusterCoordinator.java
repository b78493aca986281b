package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.flight.RemoteWorkerClient;
import io.quiver.executor.cluster.flight.UdfJars;
import io.quiver.server.QuiverEngine;
import io.quiver.server.cluster.ClusterEndpoint;
import io.quiver.server.cluster.ClusterMembership;
import io.quiver.server.cluster.LocalWorkers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The cluster side of {@code quiver server}: with {@code --workers N} or {@code --cluster-port P}, the
 * coordinator's cluster endpoint (workers register and heartbeat there, on the server's host; port P,
 * by default the server's port + 1), its membership, and N local worker processes. Without either,
 * nothing more listens.
 */
final class ClusterCoordinator implements AutoCloseable {
  private final ClusterMembership membership;
  private final ClusterEndpoint endpoint;
  private final LocalWorkers workers;
  private final BufferAllocator allocator;

  private ClusterCoordinator(ClusterMembership membership, ClusterEndpoint endpoint, LocalWorkers workers,
      BufferAllocator allocator) {
    this.membership = membership;
    this.endpoint = endpoint;
    this.workers = workers;
    this.allocator = allocator;
  }

  /** Starts the endpoint and local workers when the options ask for a cluster, else returns null. */
  static ClusterCoordinator startIfAsked(Main.Options o, QuiverEngine engine, PrintStream err)
      throws IOException, InterruptedException {
    if (o.workers <= 0 && o.clusterPort == null) {
      return null;
    }
    ClusterSecret secret = ClusterSecret.load(o.secretFile == null ? null : Path.of(o.secretFile), System.getenv());
    String secretHint = o.secretFile != null ? "--secret-file " + o.secretFile : ClusterSecret.ENV + " (as here)";
    if (secret == null) {
      secret = ClusterSecret.generate();
      Path file = Files.createTempFile("quiver-cluster-secret-", "",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret.value());
      file.toFile().deleteOnExit();
      secretHint = "--secret-file " + file;
    }
    BufferAllocator allocator = engine.newAllocator("cluster");
    UdfJars jars = new UdfJars();
    ClusterSecret s = secret;
    ClusterMembership membership = new ClusterMembership(w -> new RemoteWorkerClient(w, s, allocator, jars),
        Duration.ofSeconds(3));
    membership.addListener(new ClusterMembership.Listener() {
      @Override
      public void lost(io.quiver.executor.cluster.WorkerInfo worker, String reason) {
        err.println("Worker " + worker.id() + " (" + worker.address() + ") was lost: " + reason + ".");
      }
    });
    int port = o.clusterPort != null ? o.clusterPort : o.port == 0 ? 0 : o.port + 1;
    ClusterEndpoint endpoint;
    try {
      endpoint = ClusterEndpoint.start(o.host, port, secret, membership, allocator);
    } catch (IOException | RuntimeException e) {
      membership.close();
      allocator.close();
      throw new QuiverException("Cannot open the cluster endpoint on " + o.host + ":" + port + ": " + e.getMessage(), e);
    }
    LocalWorkers workers = null;
    if (o.workers > 0) {
      double cpus = Math.max(1, Runtime.getRuntime().availableProcessors() / o.workers);
      workers = LocalWorkers.start(o.workers, endpoint.address(), secret, cpus, null, List.of());
      ClusterCoordinator c = new ClusterCoordinator(membership, endpoint, workers, allocator); // closes all on failure
      try {
        workers.awaitRegistered(membership, Duration.ofSeconds(60));
      } catch (QuiverException | InterruptedException e) {
        c.close();
        throw e;
      }
      err.println("Cluster: " + o.workers + " local worker processes registered (logs in " + workers.logDir() + ").");
    }
    err.println("Cluster endpoint on " + endpoint.address() + "; more workers join with: quiver worker --coordinator "
        + endpoint.address() + " and the secret in " + secretHint + ".");
    engine.useCluster(membership);
    // Workers a query finds gone before their heartbeats stop (a failed call or fetch) are news too.
    // (Also called after the membership's own loss above, once per worker, with or without a query.)
    engine.scheduler().onWorkerLost(id -> err.println("Worker " + id + " is struck off the scheduler; running "
        + "queries re-run its work on the other workers."));
    return new ClusterCoordinator(membership, endpoint, workers, allocator);
  }

  ClusterMembership membership() {
    return membership;
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.close();
    }
    membership.close();
    endpoint.close();
    allocator.close();
  }
}
