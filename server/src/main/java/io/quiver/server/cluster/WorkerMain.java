package io.quiver.server.cluster;

import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.BlockStore;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.TaskRunner;
import io.quiver.executor.cluster.flight.PeerBlockFetcher;
import io.quiver.executor.cluster.flight.WorkerFlightServer;
import io.quiver.executor.cluster.flight.WorkerServices;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code quiver worker}: a worker process. Serves tasks and blocks over Flight on {@code --host:--port}
 * (127.0.0.1, a free port by default), registers with the coordinator and heartbeats every second. When
 * it is ready it prints {@code QUIVER_WORKER_READY <id> <host:port>} on standard output (what {@link
 * LocalWorkers} and tests wait for). With {@code --parent-pid} it exits when that process is gone, so
 * workers spawned by a server never outlive it.
 */
public final class WorkerMain {
  static final String USAGE = """
      Usage: quiver worker --coordinator HOST:PORT [--cpus N] [--gpus N] [--memory 8g]
                           [--host 127.0.0.1] [--port 0] [--secret-file FILE] [--id NAME] [--cache-dir DIR]
        Joins a Quiver cluster: the coordinator is `quiver server`'s cluster endpoint. The cluster secret
        comes from --secret-file or the QUIVER_CLUSTER_SECRET environment variable.""";

  /** The line a ready worker prints on standard output: the prefix, its id and its address. */
  public static final String READY = "QUIVER_WORKER_READY";

  private WorkerMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a worker until it is stopped (or its parent process ends); returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    WorkerOptions o;
    try {
      o = WorkerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (o.help) {
      out.println(USAGE);
      return 0;
    }
    try {
      return serve(o, out, err);
    } catch (QuiverException | IOException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int serve(WorkerOptions o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    ClusterSecret secret = ClusterSecret.load(o.secretFile, System.getenv());
    if (secret == null) {
      throw new QuiverException("quiver worker needs the cluster secret: set " + ClusterSecret.ENV
          + " or give --secret-file (the coordinator prints where its secret is).");
    }
    String id = o.id != null ? o.id : "w-" + UUID.randomUUID().toString().substring(0, 8);
    Path cacheDir = o.cacheDir != null ? o.cacheDir
        : Path.of(System.getProperty("java.io.tmpdir"), "quiver-worker-" + id);
    RootAllocator root = new RootAllocator();
    // Cached: a task's fragment may run parallel pipelines and UDF actors besides the task's own thread.
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "quiver-worker-task");
      t.setDaemon(true);
      return t;
    });
    BlockStore store = new BlockStore(root, o.memoryBytes, cacheDir.resolve("spill"));
    AtomicReference<CoordinatorLink> linkRef = new AtomicReference<>();
    BufferAllocator peerAllocator = root.newChildAllocator("peer-blocks", 0, Long.MAX_VALUE);
    PeerBlockFetcher fetcher = new PeerBlockFetcher(id, store, () -> {
      CoordinatorLink l = linkRef.get();
      return l == null ? Map.of() : l.peers();
    }, secret, peerAllocator);
    BufferAllocator taskAllocator = root.newChildAllocator("tasks", 0, Long.MAX_VALUE);
    TaskRunner runner = new TaskRunner(taskAllocator, pool, store, fetcher);
    WorkerFlightServer server = WorkerFlightServer.start(id, o.host, o.port, secret, WorkerServices.of(runner, store),
        cacheDir.resolve("jars"), root);
    WorkerInfo self = new WorkerInfo(id, server.address(), o.cpus, o.gpus, o.memoryBytes, Map.of());
    BufferAllocator linkAllocator = root.newChildAllocator("coordinator-link", 0, Long.MAX_VALUE);
    CoordinatorLink link = new CoordinatorLink(o.coordinator, secret, self, Duration.ofSeconds(1), linkAllocator, err);
    linkRef.set(link);
    link.onForgotten(() -> {
      runner.cancelAll();
      store.dropPrefix(""); // every block of the old registration: the coordinator counts them lost
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable shutdown = () -> {
      link.close();
      server.close();
      runner.close();
      fetcher.close();
      store.close(); // deletes the spill files
      pool.shutdownNow();
      stopped.countDown();
    };
    try {
      link.start(Duration.ofSeconds(30));
    } catch (QuiverException | InterruptedException e) {
      shutdown.run();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
    if (o.parentPid > 0) {
      ProcessHandle.of(o.parentPid).ifPresentOrElse(p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
    err.println("Quiver worker " + id + " on " + server.address() + " (" + num(o.cpus) + " CPUs, " + num(o.gpus)
        + " GPUs, " + (o.memoryBytes >> 20) + " MB), registered with the coordinator at " + o.coordinator + ".");
    out.println(READY + " " + id + " " + server.address());
    out.flush();
    stopped.await();
    return 0;
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
