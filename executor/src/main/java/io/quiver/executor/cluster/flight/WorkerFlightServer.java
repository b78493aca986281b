package io.quiver.executor.cluster.flight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A worker's Flight endpoint: {@link WorkerFlightProducer} behind the {@link ClusterSecret} check, on
 * {@code host:port} (port 0 picks a free one; bind 127.0.0.1 unless the worker must be reachable from
 * other machines).
 */
public final class WorkerFlightServer implements AutoCloseable {
  private final SecretFlightServer server;

  private WorkerFlightServer(SecretFlightServer server) {
    this.server = server;
  }

  /**
   * Starts serving. {@code parent} is the worker's allocator; blocks are streamed from a child of it.
   * {@code jarDir} keeps the UDF jars the coordinator sends.
   */
  public static WorkerFlightServer start(String workerId, String host, int port, ClusterSecret secret,
      WorkerServices services, Path jarDir, BufferAllocator parent) throws IOException {
    return new WorkerFlightServer(SecretFlightServer.start("quiver-worker-" + workerId, host, port, secret, parent,
        allocator -> new WorkerFlightProducer(workerId, services, new JarCache(jarDir), allocator)));
  }

  /** The port listened on. */
  public int port() {
    return server.port();
  }

  /** {@code host:port}, as a {@link io.quiver.executor.cluster.WorkerInfo#address()}. */
  public String address() {
    return server.address();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.close();
  }

  static ThreadFactory daemonThreads(String prefix) {
    return SecretFlightServer.daemonThreads(prefix);
  }
}
