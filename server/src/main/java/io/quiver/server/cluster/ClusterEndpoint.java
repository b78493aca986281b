package io.quiver.server.cluster;

import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.flight.SecretFlightServer;
import io.quiver.executor.plan.codec.TaskCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The coordinator's internal cluster endpoint (separate from the Flight SQL port users connect to):
 * workers register and heartbeat here, authenticated by the cluster secret. Binds {@code host}
 * (127.0.0.1 unless workers on other machines must reach it).
 */
public final class ClusterEndpoint implements AutoCloseable {
  private final SecretFlightServer server;

  private ClusterEndpoint(SecretFlightServer server) {
    this.server = server;
  }

  public static ClusterEndpoint start(String host, int port, ClusterSecret secret, ClusterMembership membership,
      BufferAllocator parent) throws IOException {
    return new ClusterEndpoint(SecretFlightServer.start("quiver-cluster-endpoint", host, port, secret, parent,
        allocator -> new Producer(membership)));
  }

  public int port() {
    return server.port();
  }

  /** {@code host:port}, what {@code quiver worker --coordinator} takes. */
  public String address() {
    return server.address();
  }

  @Override
  public void close() {
    server.close();
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
