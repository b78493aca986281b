package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.plan.codec.TaskCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A worker process seen from the coordinator (or from a peer fetching its blocks), over Arrow Flight
 * with the cluster secret. Control calls have a deadline; tasks and block streams do not (they take as
 * long as the data), but {@link #markLost} — called by the coordinator's membership when heartbeats
 * stop — fails them at once with {@link WorkerLostException}, so nothing hangs on a dead worker.
 */
public final class RemoteWorkerClient implements WorkerClient {
  private static final CallOption CONTROL_DEADLINE = CallOptions.timeout(10, TimeUnit.SECONDS);

  private final WorkerInfo info;
  private final FlightClient client;
  private final BlockTransfer transfer;
  /** Extra connections for block stripes (stripe k uses connection k % their count; 0 is {@link #client}). */
  private final List<FlightClient> stripeClients = new ArrayList<>();
  private final UdfJars jars;
  private final ExecutorService calls;
  private final Set<String> sentJars = ConcurrentHashMap.newKeySet();
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
  private final Set<RemoteBlockStream> streams = ConcurrentHashMap.newKeySet();
  private volatile boolean lost;

  /**
   * @param allocator the allocator Flight receives blocks into; give a child of the root the callers'
   *     allocators come from, so fetched batches move to them without a copy
   * @param jars the coordinator's jar hashes (shared by all clients, so each jar is hashed once)
   */
  public RemoteWorkerClient(WorkerInfo info, ClusterSecret secret, BufferAllocator allocator, UdfJars jars) {
    this(info, secret, allocator, jars, BlockTransfer.DEFAULT);
  }

  /** As above, fetching blocks as {@code transfer} says (how many stripes, over how many connections). */
  public RemoteWorkerClient(WorkerInfo info, ClusterSecret secret, BufferAllocator allocator, UdfJars jars,
      BlockTransfer transfer) {
    this.info = info;
    this.jars = jars;
    this.transfer = transfer;
    int colon = info.address().lastIndexOf(':');
    if (colon <= 0) {
      throw new QuiverException("Worker " + info.id() + " has no host:port address: '" + info.address() + "'.");
    }
    Location location = Location.forGrpcInsecure(info.address().substring(0, colon),
        Integer.parseInt(info.address().substring(colon + 1)));
    this.client = FlightClient.builder(allocator, location).intercept(secret.clientMiddleware()).build();
    // Each FlightClient is its own gRPC channel, so its own TCP connection and Netty event loop on both
    // sides (channels connect lazily: an unused one costs nothing).
    for (int i = 1; i < Math.min(transfer.connections(), transfer.stripes()); i++) {
      stripeClients.add(FlightClient.builder(allocator, location).intercept(secret.clientMiddleware()).build());
    }
    this.calls = Executors.newCachedThreadPool(WorkerFlightServer.daemonThreads("quiver-to-" + info.id() + "-"));
  }

  @Override
  public WorkerInfo info() {
    return info;
  }

  @Override
  public CompletableFuture<TaskResult> submit(TaskSpec task) {
    return submit(task, () -> {});
  }

  @Override
  public CompletableFuture<TaskResult> submit(TaskSpec task, Runnable started) {
    CompletableFuture<TaskResult> f = new CompletableFuture<>();
    if (lost) {
      f.completeExceptionally(new WorkerLostException(info.id(), new IllegalStateException("marked lost")));
      return f;
    }
    running.add(f);
    f.whenComplete((r, e) -> running.remove(f));
    calls.execute(() -> {
      try {
        sendJars(task);
        byte[] body = TaskCodec.encode(task, jars::wireName);
        f.complete(TaskCodec.decodeResult(submitted(body, started)));
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  /** Runs the SUBMIT action: an empty result says the task's blocks exist (calls {@code started}), the last is the result. */
  private byte[] submitted(byte[] body, Runnable started) {
    try {
      Iterator<Result> results = client.doAction(new Action(WorkerActions.SUBMIT, body));
      byte[] last = new byte[0];
      while (results.hasNext()) {
        last = results.next().getBody();
        if (last.length == 0) {
          started.run();
        }
      }
      return last;
    } catch (FlightRuntimeException e) {
      throw error(e);
    }
  }

  /** Sends the task's UDF jars this worker has not got yet, once per jar content. */
  private void sendJars(TaskSpec task) {
    for (String path : UdfJars.jarsOf(task.fragment())) {
      String hash = jars.wireName(path).substring(UdfJars.PREFIX.length());
      if (sentJars.contains(hash)) {
        continue;
      }
      byte[] has = action(WorkerActions.HAS_JAR, hash.getBytes(StandardCharsets.UTF_8), CONTROL_DEADLINE);
      if (!"1".equals(new String(has, StandardCharsets.UTF_8))) {
        byte[] jar;
        try {
          jar = Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
          throw new QuiverException("Cannot read the UDF jar " + path + " to send it to worker " + info.id() + ": "
              + e.getMessage(), e);
        }
        byte[] body = new byte[64 + jar.length];
        System.arraycopy(hash.getBytes(StandardCharsets.US_ASCII), 0, body, 0, 64);
        System.arraycopy(jar, 0, body, 64, jar.length);
        action(WorkerActions.PUT_JAR, body);
      }
      sentJars.add(hash);
    }
  }

  @Override
  public BatchStream fetch(BlockId block, BufferAllocator allocator) {
    if (lost) {
      throw new WorkerLostException(info.id(), new IllegalStateException("marked lost"));
    }
    int n = transfer.stripes();
    if (n == 1) {
      return open(client, new StripedTicket(block, 0, 1), allocator);
    }
    List<RemoteBlockStream> stripes = new ArrayList<>(n);
    try {
      for (int k = 0; k < n; k++) {
        int c = k % (stripeClients.size() + 1);
        stripes.add(open(c == 0 ? client : stripeClients.get(c - 1), new StripedTicket(block, k, n), allocator));
      }
    } catch (RuntimeException e) {
      stripes.forEach(RemoteWorkerClient::closeQuietly);
      throw e;
    }
    return new StripedBlockStream(stripes);
  }

  private RemoteBlockStream open(FlightClient via, StripedTicket ticket, BufferAllocator allocator) {
    try {
      var stream = via.getStream(new Ticket(ticket.encode().getBytes(StandardCharsets.UTF_8)));
      RemoteBlockStream[] self = new RemoteBlockStream[1];
      self[0] = new RemoteBlockStream(stream, allocator, this::error, () -> streams.remove(self[0]));
      streams.add(self[0]);
      return self[0];
    } catch (FlightRuntimeException e) {
      throw error(e);
    }
  }

  private static void closeQuietly(BatchStream s) {
    try {
      s.close();
    } catch (RuntimeException ignored) {
      // closing after a failure to open the block's other stripes
    }
  }

  @Override
  public void cancel(String queryId) {
    quietly(WorkerActions.CANCEL, queryId);
  }

  @Override
  public void release(String queryId) {
    quietly(WorkerActions.RELEASE, queryId);
  }

  /** Round-trips a ping within {@code timeout}; throws {@link WorkerLostException} if the worker does not answer. */
  public String ping(Duration timeout) {
    return new String(action(WorkerActions.PING, new byte[0], CallOptions.timeout(timeout.toMillis(),
        TimeUnit.MILLISECONDS)), StandardCharsets.UTF_8);
  }

  /**
   * The worker is gone (membership saw no heartbeat): running tasks and block streams fail with {@link
   * WorkerLostException} now, and later calls at once.
   */
  public void markLost() {
    lost = true;
    WorkerLostException e = new WorkerLostException(info.id(), new IllegalStateException("no heartbeat"));
    running.forEach(f -> f.completeExceptionally(e));
    streams.forEach(RemoteBlockStream::cancel);
  }

  public boolean isLost() {
    return lost;
  }

  private void quietly(String type, String queryId) {
    if (lost) {
      return;
    }
    try {
      action(type, queryId.getBytes(StandardCharsets.UTF_8), CONTROL_DEADLINE);
    } catch (WorkerLostException e) {
      // Best effort: a lost worker's query state died with it.
    }
  }

  private byte[] action(String type, byte[] body, CallOption... options) {
    try {
      Iterator<Result> results = client.doAction(new Action(type, body), options);
      byte[] out = results.hasNext() ? results.next().getBody() : new byte[0];
      while (results.hasNext()) {
        results.next();
      }
      return out;
    } catch (FlightRuntimeException e) {
      throw error(e);
    }
  }

  private RuntimeException error(FlightRuntimeException e) {
    RuntimeException mapped = FlightErrors.of(info.id(), e, lost);
    // A connection cut mid-call can surface as UNKNOWN or INTERNAL (not from our worker's own errors,
    // which name it): ask the worker whether it is still there before blaming the work.
    FlightStatusCode code = e.status().code();
    boolean transport = (code == FlightStatusCode.UNKNOWN || code == FlightStatusCode.INTERNAL)
        && !String.valueOf(e.status().description()).startsWith("worker " + info.id() + " failed");
    if (!(mapped instanceof WorkerLostException) && transport && !answersPing()) {
      return new WorkerLostException(info.id(), e);
    }
    return mapped;
  }

  private boolean answersPing() {
    try {
      Iterator<Result> it = client.doAction(new Action(WorkerActions.PING, new byte[0]),
          CallOptions.timeout(1, TimeUnit.SECONDS));
      while (it.hasNext()) {
        it.next();
      }
      return true;
    } catch (FlightRuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    calls.shutdownNow();
    try {
      client.close();
      for (FlightClient c : stripeClients) {
        c.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RemoteWorkerClient[" + info.id() + " @ " + info.address() + "]";
  }
}
