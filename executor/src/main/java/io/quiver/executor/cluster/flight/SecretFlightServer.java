package io.quiver.executor.cluster.flight;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A Flight server that answers only calls carrying the {@link ClusterSecret}, on {@code host:port}
 * (port 0 picks a free one), with its own allocator and daemon threads: what both a worker's endpoint
 * and the coordinator's cluster endpoint are.
 */
public final class SecretFlightServer implements AutoCloseable {
  private static final FlightServerMiddleware.Key<FlightServerMiddleware> SECRET =
      FlightServerMiddleware.Key.of("quiver-cluster-secret");

  private final FlightServer server;
  private final ExecutorService executor;
  private final BufferAllocator allocator;
  private final String host;

  private SecretFlightServer(FlightServer server, ExecutorService executor, BufferAllocator allocator, String host) {
    this.server = server;
    this.executor = executor;
    this.allocator = allocator;
    this.host = host;
  }

  /**
   * Starts serving the producer that {@code producer} makes over the server's allocator (a child of
   * {@code parent} named {@code name}); threads are named {@code name-N}.
   */
  public static SecretFlightServer start(String name, String host, int port, ClusterSecret secret,
      BufferAllocator parent, Function<BufferAllocator, FlightProducer> producer) throws IOException {
    BufferAllocator allocator = parent.newChildAllocator(name, 0, Long.MAX_VALUE);
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads(name + "-"));
    try {
      FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port),
              producer.apply(allocator))
          .middleware(SECRET, secret.serverMiddleware())
          .executor(executor)
          .build();
      server.start();
      return new SecretFlightServer(server, executor, allocator, host);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      allocator.close();
      throw e;
    }
  }

  /** The port listened on. */
  public int port() {
    return server.getPort();
  }

  /** {@code host:port}. */
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

  /** Daemon threads named {@code prefix1}, {@code prefix2}, ... */
  public static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
