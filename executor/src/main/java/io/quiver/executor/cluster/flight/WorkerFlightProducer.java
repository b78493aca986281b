package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.plan.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.NoOpFlightProducer;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A worker's Flight service: {@code DoAction} runs tasks and manages jars and queries (see {@link
 * WorkerActions}), {@code DoGet} streams a stored block (ticket = {@link BlockId#ticket()}, or one stripe
 * of it: {@link StripedTicket}) with back-pressure and without copying its buffers. Query errors reach
 * the caller as INVALID_ARGUMENT with the user message; anything else as INTERNAL.
 */
public final class WorkerFlightProducer extends NoOpFlightProducer {
  private final String workerId;
  private final WorkerServices services;
  private final JarCache jars;
  private final BufferAllocator allocator;

  public WorkerFlightProducer(String workerId, WorkerServices services, JarCache jars, BufferAllocator allocator) {
    this.workerId = workerId;
    this.services = services;
    this.jars = jars;
    this.allocator = allocator;
  }

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    try {
      if (WorkerActions.SUBMIT.equals(action.getType())) {
        // An empty result as soon as the task's blocks exist, so consumers may stream them; then the result.
        TaskSpec task = TaskCodec.decodeTask(action.getBody(), jars::localPath);
        TaskResult result = services.tasks().run(task, () -> listener.onNext(new Result(new byte[0])));
        listener.onNext(new Result(TaskCodec.encode(result)));
        listener.onCompleted();
        return;
      }
      listener.onNext(new Result(act(action.getType(), action.getBody())));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(toStatus(e));
    }
  }

  private byte[] act(String type, byte[] body) {
    switch (type) {
      case WorkerActions.CANCEL:
        services.cancel().accept(text(body));
        return new byte[0];
      case WorkerActions.RELEASE:
        services.release().accept(text(body));
        return new byte[0];
      case WorkerActions.HAS_JAR:
        return (jars.contains(text(body)) ? "1" : "0").getBytes(StandardCharsets.UTF_8);
      case WorkerActions.PUT_JAR:
        if (body.length < 64) {
          throw new QuiverException("putJar needs a 64-character hash before the jar's bytes.");
        }
        jars.put(new String(body, 0, 64, StandardCharsets.US_ASCII), Arrays.copyOfRange(body, 64, body.length));
        return new byte[0];
      case WorkerActions.PING:
        return workerId.getBytes(StandardCharsets.UTF_8);
      default:
        throw CallStatus.UNIMPLEMENTED.withDescription("unknown worker action " + type).toRuntimeException();
    }
  }

  @Override
  public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
    try {
      StripedTicket stripe = StripedTicket.parse(new String(ticket.getBytes(), StandardCharsets.UTF_8));
      // A block still being written streams as it grows: this handler waits with the producing task.
      // Back-pressure: FlightBackpressure blocks this thread while the fetcher's flow-control window is
      // full, so a slow reader holds the rest of the block in the store (bounded by its memory budget
      // and spill), never in the transport.
      try (BatchStream stream = services.blocks().open(stripe.block(), allocator, listener::isCancelled);
          VectorSchemaRoot out = VectorSchemaRoot.create(stream.schema(), allocator)) {
        VectorLoader loader = new VectorLoader(out);
        listener.start(out);
        // gRPC takes the batches' buffers as they are instead of copying them into its own (safe: a
        // stored block is never written again, and the message holds its buffers until it is sent).
        listener.setUseZeroCopy(true);
        VectorSchemaRoot b;
        long index = 0; // of the block's non-empty batches: the same count in every stripe's stream
        while ((b = stream.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            if (batch.getRowCount() == 0 || !stripe.carries(index++)) {
              continue;
            }
            if (!FlightBackpressure.awaitReady(listener)) {
              return; // the fetcher went away
            }
            // Hands the batch's buffers to the transport: reference counts, no copy.
            try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
              loader.load(rb);
            }
            listener.putNext();
          }
        }
        listener.completed();
      }
    } catch (RuntimeException e) {
      if (!listener.isCancelled()) {
        listener.error(toStatus(e));
      }
    }
  }

  private FlightRuntimeException toStatus(RuntimeException e) {
    if (e instanceof FlightRuntimeException f) {
      return f;
    }
    WorkerLostException peerLost = peerLost(e);
    if (peerLost != null) {
      // A peer this worker read blocks from is gone: the coordinator re-makes that peer's blocks.
      return CallStatus.NOT_FOUND.withDescription(FlightErrors.PEER_LOST + peerLost.workerId() + " "
          + peerLost.getMessage()).withCause(e).toRuntimeException();
    }
    if (e instanceof QuiverException || e instanceof IllegalArgumentException) {
      return CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).withCause(e).toRuntimeException();
    }
    return CallStatus.INTERNAL.withDescription("worker " + workerId + " failed: " + e).withCause(e).toRuntimeException();
  }

  /** The {@link WorkerLostException} a task failed with, possibly wrapped by the operators, or null. */
  private static WorkerLostException peerLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkerLostException w) {
        return w;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

}
