package io.quiver.server.cluster;

import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.plan.codec.TaskCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The coordinator's internal cluster endpoint (separate from the Flight SQL port users connect to):
 * workers register and heartbeat here, authenticated by the cluster secret. Binds {@code host}
 * (127.0.0.1 unless workers on other machines must reach it).
 */
public final class ClusterEndpoint implements AutoCloseable {
  private static final FlightServerMiddleware.Key<FlightServerMiddleware> SECRET =
      FlightServerMiddleware.Key.of("quiver-cluster-secret");

  private final FlightServer server;
  private final ExecutorService executor;
  private final BufferAllocator allocator;
  private final String host;

  private ClusterEndpoint(FlightServer server, ExecutorService executor, BufferAllocator allocator, String host) {
    this.server = server;
    this.executor = executor;
    this.allocator = allocator;
    this.host = host;
  }

  public static ClusterEndpoint start(String host, int port, ClusterSecret secret, ClusterMembership membership,
      BufferAllocator parent) throws IOException {
    BufferAllocator allocator = parent.newChildAllocator("cluster-endpoint", 0, Long.MAX_VALUE);
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "quiver-cluster-endpoint");
      t.setDaemon(true);
      return t;
    });
    FlightServer server = FlightServer.builder(allocator, Location.forGrpcInsecure(host, port), new Producer(membership))
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
    return new ClusterEndpoint(server, executor, allocator, host);
  }

  public int port() {
    return server.getPort();
  }

  /** {@code host:port}, what {@code quiver worker --coordinator} takes. */
  public String address() {
    return host + ":" + port();
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

  /** Answers register and heartbeat with the list of live workers (the workers' peer directory). */
  private static final class Producer extends NoOpFlightProducer {
    private final ClusterMembership membership;

    Producer(ClusterMembership membership) {
      this.membership = membership;
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
      try {
        switch (action.getType()) {
          case ClusterActions.REGISTER: {
            WorkerInfo info = TaskCodec.decodeWorker(action.getBody());
            membership.register(info);
            break;
          }
          case ClusterActions.HEARTBEAT:
            if (!membership.heartbeat(new String(action.getBody(), StandardCharsets.UTF_8))) {
              throw CallStatus.NOT_FOUND.withDescription("unknown worker: register again").toRuntimeException();
            }
            break;
          default:
            throw CallStatus.UNIMPLEMENTED.withDescription("unknown cluster action " + action.getType())
                .toRuntimeException();
        }
        listener.onNext(new Result(TaskCodec.encodeWorkers(membership.live())));
        listener.onCompleted();
      } catch (org.apache.arrow.flight.FlightRuntimeException e) {
        listener.onError(e);
      } catch (RuntimeException e) {
        listener.onError(CallStatus.INVALID_ARGUMENT.withDescription(String.valueOf(e.getMessage()))
            .withCause(e).toRuntimeException());
      }
    }
  }
}
