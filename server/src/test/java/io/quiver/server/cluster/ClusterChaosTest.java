package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos on a cluster of worker processes: a worker JVM killed with kill -9 ({@link Process#destroyForcibly})
 * in the middle of a GROUP BY and of a UDF stage; the query still returns exactly the rows it returns
 * without the fault (its lost tasks and blocks re-run on the survivor). With every worker killed, a
 * running query fails with a clear error within bounded time. A COPY whose worker dies mid-way still
 * writes every row exactly once and commits, with no staging files left. A killed worker is replaced by a new
 * process before the next test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosTest {
  /**
   * A GROUP BY whose input comes through a UDF that sleeps 40 ms per batch: with {@code batch_size} 100,
   * its 80 batches take at least 1.6 s on two workers however fast the machine, so a kill after 0.8 s
   * always lands mid-query (a plain GROUP BY over range() was done before the kill on a quiet machine).
   */
  private static final String GROUP_BY = "SELECT t % 100 AS k, COUNT(*) AS n, SUM(t) AS s, MAX(t) AS m "
      + "FROM (SELECT twice(id) AS t FROM range(8000)) GROUP BY t % 100";

  private QuiverEngine engine;
  private ProcessCluster cluster;
  private Session session;
  private final List<String> lost = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startCluster(@TempDir Path dir) throws Exception {
    Path jar = TestJars.build(dir, "twice.jar", Map.of("t.Twice", TestUdfSources.TWICE), Map.of());
    engine = new QuiverEngine();
    cluster = ProcessCluster.start(engine, 2);
    engine.scheduler().onWorkerLost(lost::add);
    session = engine.newSession();
    run("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 40)");
  }

  @AfterAll
  void stopCluster() {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (engine != null) {
      assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
      engine.close();
    }
  }

  @Test
  @Order(1)
  void groupByKeepsItsRowsWhenAWorkerIsKilled() throws Exception {
    run("SET batch_size = 100");
    Map<Long, long[]> groups = new TreeMap<>(); // k -> count, sum, max
    for (long id = 0; id < 8000; id++) {
      long t = 2 * id;
      long[] g = groups.computeIfAbsent(t % 100, k -> new long[3]);
      g[0]++;
      g[1] += t;
      g[2] = Math.max(g[2], t);
    }
    List<String> expected = new ArrayList<>();
    groups.forEach((k, g) -> expected.add(k + "\t" + g[0] + "\t" + g[1] + "\t" + g[2]));
    Collections.sort(expected);
    session.drainNotices();
    assertEquals(expected, killDuring(GROUP_BY, 800, 1));
    run("RESET batch_size");
    // The user hears of it after the statement (the shell prints the session's notices).
    List<String> notices = session.drainNotices();
    assertEquals(1, notices.size(), notices::toString);
    assertTrue(notices.get(0).startsWith("Worker " + lost.get(0) + " was lost during the query"), notices.get(0));
  }

  @Test
  @Order(2)
  void udfStageKeepsItsRowsWhenAWorkerIsKilled() throws Exception {
    replaceKilledWorkers();
    run("SET batch_size = 100"); // 40 batches of 40 ms per task: the kill comes while the UDF runs
    List<String> expected = new ArrayList<>();
    for (long id = 0; id < 8000; id++) {
      expected.add(id + "\t" + 2 * id);
    }
    Collections.sort(expected);
    assertEquals(expected, killDuring("SELECT id, twice(id) AS t FROM range(8000)", 800, 1));
    run("RESET batch_size");
  }

  @Test
  @Order(3)
  void copyWritesEveryRowOnceWhenAWorkerIsKilled(@TempDir Path out) throws Exception {
    replaceKilledWorkers();
    run("SET batch_size = 100");
    String target = out.resolve("twice").toString();
    long written = killDuring(() -> update("COPY (SELECT id, twice(id) AS t FROM range(8000)) TO '" + target
        + "' (FORMAT parquet)"), 800, 1);
    run("RESET batch_size");
    assertEquals(8000, written);
    List<String> expected = new ArrayList<>();
    for (long id = 0; id < 8000; id++) {
      expected.add(id + "\t" + 2 * id);
    }
    Collections.sort(expected);
    assertEquals(expected, rows("SELECT id, t FROM read_parquet('" + target + "')"));
    assertTrue(Files.exists(Path.of(target, "_SUCCESS")), "the manifest is written last");
    try (Stream<Path> files = Files.walk(out)) {
      List<String> staged = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), staged, "no staging files are left");
    }
  }

  @Test
  @Order(4)
  void everyWorkerKilledFailsClearlyAndDoesNotHang() throws Exception {
    replaceKilledWorkers();
    run("SET batch_size = 100");
    CompletableFuture<List<String>> result = CompletableFuture.supplyAsync(() -> rows(GROUP_BY));
    Thread.sleep(800);
    assertFalse(result.isDone(), "the query is still running when the workers are killed");
    cluster.processes().forEach(Process::destroyForcibly);
    ExecutionException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS)));
    assertInstanceOf(QuiverException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("No workers are left"), e.getCause().getMessage());
    run("RESET batch_size");
  }

  /** Runs {@code sql}, kills {@code victims} live workers after {@code afterMs}, returns the sorted rows. */
  private List<String> killDuring(String sql, long afterMs, int victims) throws Exception {
    return killDuring(() -> rows(sql), afterMs, victims);
  }

  /** Runs {@code work}, kills {@code victims} live workers after {@code afterMs}, returns its result. */
  private <T> T killDuring(Supplier<T> work, long afterMs, int victims) throws Exception {
    lost.clear();
    CompletableFuture<T> result = CompletableFuture.supplyAsync(work);
    Thread.sleep(afterMs);
    assertFalse(result.isDone(), "the query is still running when the worker is killed");
    List<Process> alive = cluster.processes().stream().filter(Process::isAlive).toList();
    for (int i = 0; i < victims; i++) {
      alive.get(alive.size() - 1 - i).destroyForcibly();
    }
    T value = result.get(60, TimeUnit.SECONDS);
    assertEquals(victims, lost.size(), "the scheduler heard of the lost worker: " + lost);
    return value;
  }

  /** Starts new worker processes for the ones killed, so each test begins with two. */
  private void replaceKilledWorkers() throws Exception {
    long alive = cluster.processes().stream().filter(Process::isAlive).count();
    // The membership drops a killed worker within ~3 s of its last heartbeat.
    long deadline = System.currentTimeMillis() + 10_000;
    while (cluster.membership().live().size() > alive && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    int missing = 2 - cluster.membership().live().size();
    if (missing > 0) {
      cluster.addWorkers(missing);
    }
  }

  private void run(String sql) {
    try (StatementResult r = session.execute(sql)) {
      if (r.hasRows()) {
        VectorSchemaRoot b;
        while ((b = r.stream().next()) != null) {
          b.close();
        }
      }
    }
  }

  private long update(String sql) {
    try (StatementResult r = session.execute(sql)) {
      return r.updateCount();
    }
  }

  /** The rows as tab-separated text, sorted. */
  private List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    try (StatementResult r = session.execute(sql)) {
      VectorSchemaRoot b;
      while ((b = r.stream().next()) != null) {
        try (VectorSchemaRoot batch = b) {
          for (int i = 0; i < batch.getRowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              row.add(String.valueOf(v.getObject(i)));
            }
            out.add(String.join("\t", row));
          }
        }
      }
    }
    Collections.sort(out);
    return out;
  }
}
