package io.quiver.executor.cluster.flight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A worker's Flight endpoint: {@link WorkerFlightProducer} behind the {@link ClusterSecret} check, on
 * {@code host:port} (port 0 picks a free one; bind 127.0.0.1 unless the worker must be reachable from
 * other machines).
 */
public final class WorkerFlightServer implements AutoCloseable {
  private static final FlightServerMiddleware.Key<FlightServerMiddleware> SECRET =
      FlightServerMiddleware.Key.of("quiver-cluster-secret");

  private final FlightServer server;
  private final ExecutorService executor;
  private final BufferAllocator allocator;
  private final String host;

  private WorkerFlightServer(FlightServer server, ExecutorService executor, BufferAllocator allocator, String host) {
    this.server = server;
    this.executor = executor;
    this.allocator = allocator;
    this.host = host;
  }

  /**
   * Starts serving. {@code parent} is the worker's allocator; blocks are streamed from a child of it.
   * {@code jarDir} keeps the UDF jars the coordinator sends.
   */
  public static WorkerFlightServer start(String workerId, String host, int port, ClusterSecret secret,
      WorkerServices services, Path jarDir, BufferAllocator parent) throws IOException {
    BufferAllocator allocator = parent.newChildAllocator("worker-flight", 0, Long.MAX_VALUE);
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("quiver-worker-" + workerId + "-"));
    WorkerFlightProducer producer = new WorkerFlightProducer(workerId, services, new JarCache(jarDir), allocator);
    FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port), producer)
        .middleware(SECRET, secret.serverMiddleware())
        .executor(executor)
        .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      allocator.close();
      throw e;
    }
    return new WorkerFlightServer(server, executor, allocator, host);
  }

  /** The port listened on. */
  public int port() {
    return server.getPort();
  }

  /** {@code host:port}, as a {@link io.quiver.executor.cluster.WorkerInfo#address()}. */
  public String address() {
    return host + ":" + port();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    allocator.close();
  }

  static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
