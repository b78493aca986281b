package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.cluster.flight.ClusterSecret;
import io.quiver.executor.cluster.flight.RemoteWorkerClient;
import io.quiver.executor.cluster.flight.UdfJars;
import io.quiver.executor.plan.ValuesNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A coordinator endpoint in this JVM and two real worker JVMs spawned by {@link LocalWorkers}: tasks and
 * blocks over Flight, a wrong secret refused, and a worker killed with kill -9 marked lost within seconds,
 * its calls failing with {@link WorkerLostException} instead of hanging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTest {
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("x", new ArrowType.Int(64, true))));
  private static final Duration LOST_AFTER = Duration.ofSeconds(3);

  private final ClusterSecret secret = ClusterSecret.generate();
  private final List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
  private RootAllocator root;
  private BufferAllocator clients;
  private ClusterMembership membership;
  private ClusterEndpoint endpoint;
  private LocalWorkers workers;

  @BeforeAll
  void startCluster() throws Exception {
    root = new RootAllocator();
    clients = root.newChildAllocator("clients", 0, Long.MAX_VALUE);
    UdfJars jars = new UdfJars();
    membership = new ClusterMembership(w -> new RemoteWorkerClient(w, secret, clients, jars), LOST_AFTER);
    membership.addListener(new ClusterMembership.Listener() {
      @Override
      public void lost(WorkerInfo worker, String reason) {
        lost.add(worker.id());
      }
    });
    endpoint = ClusterEndpoint.start("127.0.0.1", 0, secret, membership, root);
    // Light JVMs: the test's data is tiny, start-up time is what counts.
    workers = LocalWorkers.start(2, endpoint.address(), secret, 1, "256m",
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
    workers.awaitRegistered(membership, Duration.ofSeconds(30));
  }

  @AfterAll
  void stopCluster() {
    workers.close();
    membership.close();
    endpoint.close();
    clients.close();
    root.close();
  }

  private static ValuesNode values(long from, int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      rows.add(List.of(from + i));
    }
    return new ValuesNode(SCHEMA, rows);
  }

  private static TaskSpec task(int taskIndex, ValuesNode fragment) {
    return new TaskSpec("q1", 1, taskIndex, 2, 0, fragment, Partitioning.single(), Map.of(), Map.of());
  }

  private List<WorkerClient> byAddress() {
    List<WorkerClient> c = new ArrayList<>(membership.clients());
    c.sort(Comparator.comparing(w -> w.info().id()));
    return c;
  }

  @Test
  @Order(1)
  void workersRegisterWithTheirAddressAndResources() {
    assertEquals(2, membership.live().size());
    for (WorkerInfo w : membership.live()) {
      assertTrue(w.address().startsWith("127.0.0.1:"), w.address());
      assertEquals(1.0, w.cpus());
      assertEquals(256L << 20, w.memoryBytes());
    }
  }

  @Test
  @Order(2)
  void tasksRunOnEachWorkerAndTheirBlocksAreFetched() throws Exception {
    List<WorkerClient> c = byAddress();
    List<CompletableFuture<TaskResult>> results = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      results.add(c.get(t).submit(task(t, values(t * 1000L, 500 + t))));
    }
    for (int t = 0; t < 2; t++) {
      TaskResult r = results.get(t).get(20, TimeUnit.SECONDS);
      assertEquals(500 + t, r.rowsPerPartition()[0]);
    }
    for (int t = 0; t < 2; t++) {
      long rows = 0;
      long sum = 0;
      try (BufferAllocator a = clients.newChildAllocator("fetch", 0, Long.MAX_VALUE);
          BatchStream s = c.get(t).fetch(new BlockId("q1", 1, t, 0, 0), a)) {
        VectorSchemaRoot b;
        while ((b = s.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            BigIntVector v = (BigIntVector) batch.getVector(0);
            for (int i = 0; i < batch.getRowCount(); i++) {
              sum += v.get(i);
            }
            rows += batch.getRowCount();
          }
        }
      }
      int n = 500 + t;
      assertEquals(n, rows);
      assertEquals(n * (t * 1000L) + (long) n * (n - 1) / 2, sum);
    }
    // A block the worker does not have is a query error, not a lost worker.
    QuiverException e = assertThrows(QuiverException.class, () -> {
      try (BatchStream s = c.get(0).fetch(new BlockId("q1", 1, 1, 0, 0), clients)) {
        s.next();
      }
    });
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  @Order(3)
  void aWrongSecretIsRefusedByWorkersAndTheCoordinator() throws Exception {
    WorkerInfo w = membership.live().get(0);
    try (RemoteWorkerClient bad = new RemoteWorkerClient(w, ClusterSecret.of("wrong"), clients, new UdfJars())) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> bad.submit(task(0, values(0, 1))).get(10, TimeUnit.SECONDS));
      assertInstanceOf(QuiverException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("cluster secret"), e.getCause().getMessage());
    }
    WorkerInfo intruder = new WorkerInfo("intruder", "127.0.0.1:1", 1, 0, 1, Map.of());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (CoordinatorLink link = new CoordinatorLink(endpoint.address(), ClusterSecret.of("wrong"), intruder,
        Duration.ofSeconds(1), clients, new PrintStream(log))) {
      QuiverException e = assertThrows(QuiverException.class, () -> link.start(Duration.ofSeconds(5)));
      assertTrue(e.getMessage().contains("secret"), e.getMessage());
    }
    assertEquals(2, membership.live().size());
  }

  @Test
  @Order(4)
  void aPausedWorkerIsLostThenRejoinsUnderANewIdAndTakesTasks() throws Exception {
    WorkerClient victim = byAddress().get(0); // ran task 0 of test 2: holds its block
    String id = victim.info().id();
    try (BatchStream s = victim.fetch(new BlockId("q1", 1, 0, 0, 0), clients)) {
      s.next().close();
    }
    Process p = processOf(id);
    signal(p, "STOP"); // no heartbeats: the membership must drop it
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!lost.contains(id) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(lost.contains(id), "a silent worker is marked lost");
      assertEquals(1, membership.live().size());
    } finally {
      signal(p, "CONT");
    }
    // Its next heartbeat is refused; it registers again as a new member of the same process.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (membership.live().size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(2, membership.live().size(), "the resumed worker registered again");
    assertTrue(!membership.isLive(id), "the old registration stays lost");
    WorkerClient rejoined = membership.clients().stream()
        .filter(w -> WorkerInfo.sameProcess(w.info().id(), id) && !w.info().id().equals(id)).findFirst().orElseThrow();
    assertEquals(victim.info().address(), rejoined.info().address());
    // What it held under the old id was dropped (the coordinator re-ran it): task 0's block of test 2.
    QuiverException gone = assertThrows(QuiverException.class, () -> {
      try (BatchStream s = rejoined.fetch(new BlockId("q1", 1, 0, 0, 0), clients)) {
        s.next();
      }
    });
    assertTrue(gone.getMessage().contains("does not exist"), gone.getMessage());
    TaskSpec spec = new TaskSpec("q2", 1, 0, 1, 0, values(7, 10), Partitioning.single(), Map.of(), Map.of());
    assertEquals(10, rejoined.submit(spec).get(20, TimeUnit.SECONDS).rowsPerPartition()[0]);
    // The scheduler places new work on it: it is not struck off with its old id.
    ClusterScheduler scheduler = new ClusterScheduler(membership::clients);
    scheduler.workerLost(id);
    assertEquals(2, scheduler.live().size());
  }

  private Process processOf(String workerId) throws java.io.IOException {
    for (int i = 0; i < workers.size(); i++) {
      String log = java.nio.file.Files.readString(workers.logDir().resolve("worker-" + i + ".log"));
      if (log.contains(workerId)) {
        return workers.processes().get(i);
      }
    }
    throw new AssertionError("no process logged worker " + workerId);
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }

  @Test
  @Order(5)
  void aKilledWorkerIsMarkedLostAndItsCallsFailFast() throws Exception {
    List<WorkerClient> c = byAddress();
    WorkerClient victim = c.get(0);
    // Which process is the victim: the one whose log names its id.
    Process p = processOf(victim.info().id());
    long killedAt = System.nanoTime();
    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

    // Before membership notices, a call already fails as lost (connection refused), quickly.
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> victim.submit(task(0, values(0, 1))).get(10, TimeUnit.SECONDS));
    assertInstanceOf(WorkerLostException.class, e.getCause(), () -> String.valueOf(e.getCause().getCause()));
    assertThrows(WorkerLostException.class, () -> {
      try (BatchStream s = victim.fetch(new BlockId("q1", 1, 0, 0, 0), clients)) {
        s.next();
      }
    });

    long deadline = killedAt + TimeUnit.SECONDS.toNanos(8);
    while (!lost.contains(victim.info().id()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    assertTrue(lost.contains(victim.info().id()), "marked lost within 8 s");
    // The last heartbeat came up to a second before the kill, so the limit can pass ~1 s early.
    assertTrue(seconds >= LOST_AFTER.toSeconds() - 1.5, "not long before the limit: " + seconds);
    assertEquals(1, membership.live().size());
    assertTrue(!membership.isLive(victim.info().id()));

    // The survivor still works.
    WorkerClient survivor = c.get(1);
    assertEquals(3, survivor.submit(task(1, values(0, 3))).get(10, TimeUnit.SECONDS).rowsPerPartition()[0]);
  }
}
