package io.quiver.server.cluster;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.plan.codec.TaskCodec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A worker's tie to its coordinator: registers (with the worker's address and resources), then
 * heartbeats every {@code period}. A coordinator that forgot the worker (it was marked lost, or the
 * coordinator restarted) gets a new registration under a new id ({@link WorkerInfo#rejoined}); an
 * unreachable one is retried quietly. Every answer
 * carries the live workers, kept as {@link #peers()} (where a worker fetches other workers' blocks).
 */
public final class CoordinatorLink implements AutoCloseable {
  private static final int HEARTBEAT_DEADLINE_MS = 2000;
  /** A worker's first calls also load Flight's classes and open the channel: slow on a busy machine. */
  private static final int REGISTER_DEADLINE_MS = 10_000;

  private final FlightClient client;
  /** This worker's first registration; {@link #self} is the current one (see {@link WorkerInfo#rejoined}). */
  private final WorkerInfo first;
  private volatile WorkerInfo self;
  private int rejoins;
  private final Duration period;
  private final PrintStream log;
  private final Map<String, WorkerInfo> peers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private volatile boolean reachable = true;
  private volatile Runnable onForgotten = () -> {};

  public CoordinatorLink(String coordinator, ClusterSecret secret, WorkerInfo self, Duration period,
      BufferAllocator allocator, PrintStream log) {
    int colon = coordinator.lastIndexOf(':');
    if (colon <= 0) {
      throw new QuiverException("--coordinator needs HOST:PORT, got '" + coordinator + "'.");
    }
    int port;
    try {
      port = Integer.parseInt(coordinator.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new QuiverException("--coordinator needs HOST:PORT, got '" + coordinator + "'.");
    }
    this.client = FlightClient.builder(allocator, Location.forGrpcInsecure(coordinator.substring(0, colon), port))
        .intercept(secret.clientMiddleware()).build();
    this.first = self;
    this.self = self;
    this.period = period;
    this.log = log;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quiver-heartbeat");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Registers, retrying while the coordinator is not up yet (until {@code patience} has passed), then
   * starts heartbeating. Throws when the coordinator refuses the secret or stays unreachable.
   */
  public void start(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        register();
        break;
      } catch (FlightRuntimeException e) {
        if (e.status().code() == FlightStatusCode.UNAUTHENTICATED) {
          throw new QuiverException("The coordinator refused this worker's cluster secret: give both the same "
              + ClusterSecret.ENV + " or --secret-file.", e);
        }
        boolean notYet = e.status().code() == FlightStatusCode.UNAVAILABLE
            || e.status().code() == FlightStatusCode.TIMED_OUT;
        if (!notYet || System.nanoTime() > deadline) {
          throw new QuiverException("Cannot register with the coordinator: " + e.status().code() + " "
              + e.status().description(), e);
        }
        Thread.sleep(200);
      }
    }
    timer.scheduleWithFixedDelay(this::beat, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * What to do when the coordinator forgot this worker, before it registers again: the coordinator has
   * re-run the work of the old registration elsewhere, so the worker stops those tasks (a COPY task's
   * staged files must not appear after the coordinator cleaned up) and drops their blocks.
   */
  public void onForgotten(Runnable action) {
    this.onForgotten = action;
  }

  private void register() {
    peers(call(ClusterActions.REGISTER, TaskCodec.encode(self), REGISTER_DEADLINE_MS));
  }

  private void beat() {
    try {
      try {
        peers(call(ClusterActions.HEARTBEAT, self.id().getBytes(StandardCharsets.UTF_8), HEARTBEAT_DEADLINE_MS));
      } catch (FlightRuntimeException e) {
        if (e.status().code() != FlightStatusCode.NOT_FOUND) {
          throw e;
        }
        // A new id: the coordinator re-ran what this worker did before it was forgotten, so work under the
        // old id must stay lost there, while the process takes new tasks under the new one.
        WorkerInfo next = first.rejoined(++rejoins);
        log.println("Worker " + self.id() + ": the coordinator no longer knows this worker; registering again as "
            + next.id() + ".");
        onForgotten.run();
        self = next;
        register();
      }
      if (!reachable) {
        log.println("Worker " + self.id() + ": the coordinator is reachable again.");
        reachable = true;
      }
    } catch (FlightRuntimeException e) {
      if (reachable) {
        log.println("Worker " + self.id() + ": heartbeat failed (" + e.status().code() + "); retrying every "
            + period.toMillis() + " ms.");
        reachable = false;
      }
    } catch (RuntimeException e) {
      log.println("Worker " + self.id() + ": heartbeat failed: " + e);
    }
  }

  private byte[] call(String type, byte[] body, int deadlineMs) {
    Iterator<Result> it = client.doAction(new Action(type, body),
        CallOptions.timeout(deadlineMs, TimeUnit.MILLISECONDS));
    byte[] out = it.hasNext() ? it.next().getBody() : new byte[0];
    while (it.hasNext()) {
      it.next();
    }
    return out;
  }

  private void peers(byte[] workers) {
    List<WorkerInfo> list = TaskCodec.decodeWorkers(workers);
    peers.keySet().retainAll(list.stream().map(WorkerInfo::id).toList());
    list.forEach(w -> peers.put(w.id(), w));
  }

  /** The live workers as of the last answer, by id (this worker included). */
  public Map<String, WorkerInfo> peers() {
    return Map.copyOf(peers);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      client.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
