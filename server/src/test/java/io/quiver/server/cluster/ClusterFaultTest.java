package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.InProcessWorkerClient;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.TestRows;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers dying mid-query: the scheduler re-runs the lost tasks and the finished tasks whose blocks
 * died with the worker, so a GROUP BY and a UDF query return the rows they return without the fault;
 * with every worker gone the query fails with a clear error instead of hanging.
 */
class ClusterFaultTest {
  @TempDir
  static Path dir;
  static Path jar;

  private QuiverEngine engine;
  private InProcessCluster cluster;
  private Session session;
  private final List<String> lost = new CopyOnWriteArrayList<>();
  /** "worker stage/task/attempt" of every task submitted while a kill hook is set. */
  private final List<String> submitted = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void buildJar() throws Exception {
    jar = TestJars.build(dir, "twice.jar", Map.of("t.Twice", TestUdfSources.TWICE), Map.of());
  }

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    session = engine.newSession();
    run("SET batch_size = 500");
  }

  @AfterEach
  void close() {
    session.close();
    if (cluster != null) {
      cluster.close();
    }
    assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
    engine.close();
  }

  private void startCluster() {
    cluster = new InProcessCluster(engine, 2, 1);
    engine.scheduler().onWorkerLost(lost::add);
  }

  @Test
  void groupByKeepsItsRowsWhenAWorkerDiesBetweenStages() {
    String mergeable = "SELECT id % 13 AS k, COUNT(*) AS n, SUM(id) AS s, MAX(id) AS m FROM range(20000) GROUP BY id % 13";
    String rowsShuffled = "SELECT id % 13 AS k, AVG(id) AS a, COUNT(DISTINCT id % 100) AS d FROM range(20000) GROUP BY id % 13";
    List<String> expected1 = rows(mergeable);
    List<String> expected2 = rows(rowsShuffled);
    startCluster();
    // w2 dies as the final aggregation starts: its share of the first stage's blocks is gone with it.
    killOnce("w2", 2);
    assertEquals(expected1, rows(mergeable));
    assertEquals(List.of("w2"), lost);
    assertTrue(submitted.contains("w1 1/1/1"), "w2's finished first-stage task re-ran on w1: " + submitted);
    assertEquals(0, cluster.storedBlocks(), "the query released its blocks");
    assertEquals(expected2, rows(rowsShuffled), "the remaining worker runs everything");
  }

  @Test
  void udfQueryKeepsItsRowsWhenAWorkerDiesMidTask() {
    String sql = "SELECT id, twice(id) AS t FROM range(4000) WHERE id % 3 = 0";
    run("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 5)");
    run("SET batch_size = 50"); // 40 calls of 5 ms per task: the kill comes while it runs
    List<String> expected = rows(sql);
    startCluster();
    AtomicBoolean killed = new AtomicBoolean();
    cluster.beforeSubmit((w, task) -> {
      submitted.add(w.info().id() + " " + task.stage() + "/" + task.task() + "/" + task.attempt());
      if (w.info().id().equals("w2") && killed.compareAndSet(false, true)) {
        Thread killer = new Thread(() -> {
          sleep(40); // the task is running by now: it dies halfway
          w.kill();
        });
        killer.start();
      }
    });
    assertEquals(expected, rows(sql));
    assertEquals(List.of("w2"), lost);
    assertTrue(submitted.contains("w1 1/1/1"), "the task killed on w2 re-ran on w1: " + submitted);
  }

  @Test
  void groupByOverAUdfKeepsItsRowsWhenAWorkerDies() {
    String sql = "SELECT id % 5 AS k, SUM(twice(id)) AS s FROM range(3000) GROUP BY id % 5";
    run("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 2, concurrency = 2)");
    List<String> expected = rows(sql);
    startCluster();
    killOnce("w1", 2);
    assertEquals(expected, rows(sql));
    assertEquals(List.of("w1"), lost);
  }

  @Test
  void explainAnalyzeShowsTheReRuns() {
    startCluster();
    killOnce("w2", 2);
    String plan = String.join("\n", rowsInOrder(
        "EXPLAIN ANALYZE SELECT id % 3 AS k, COUNT(*) FROM range(3000) GROUP BY id % 3"));
    assertTrue(plan.contains("Stage 1 [2 tasks, hash(k) -> 2]  -- rows="), plan);
    assertTrue(plan.contains("re-run tasks="), plan);
    assertTrue(plan.contains("-- coordinator: rows=3 "), plan);
  }

  @Test
  void aHungWorkerReportedLostByTheMembershipIsNotWaitedFor() throws Exception {
    String sql = "SELECT id % 7 AS k, COUNT(*) FROM range(5000) GROUP BY id % 7";
    List<String> expected = rows(sql);
    startCluster();
    cluster.hang("w2");
    java.util.concurrent.CompletableFuture<List<String>> result = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> rows(sql));
    Thread.sleep(300);
    assertTrue(!result.isDone(), "the query waits for the hung worker");
    engine.scheduler().workerLost("w2"); // what the membership does after missed heartbeats
    assertEquals(expected, result.get(20, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(List.of("w2"), lost);
  }

  @Test
  void noWorkersLeftFailsClearlyAndDoesNotHang() {
    startCluster();
    cluster.beforeSubmit((w, task) -> w.kill());
    QuiverException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(QuiverException.class,
        () -> rows("SELECT id % 3, COUNT(*) FROM range(1000) GROUP BY id % 3")));
    assertTrue(e.getMessage().contains("No workers are left"), e.getMessage());
    assertEquals(2, lost.size());
    // With no worker alive the engine runs queries itself again.
    assertEquals(List.of("1000"), rows("SELECT COUNT(*) FROM range(1000)"));
  }

  @Test
  void tableKeptOnWorkersUntilDropped() {
    startCluster();
    run("CREATE TABLE t AS SELECT id, id % 4 AS k FROM range(10000)");
    int blocks = cluster.storedBlocks();
    assertTrue(blocks >= 2, "one block per task of the last stage: " + blocks);
    assertEquals(List.of("0\t2500\t12495000", "1\t2500\t12497500", "2\t2500\t12500000", "3\t2500\t12502500"),
        rows("SELECT k, COUNT(*), SUM(id) FROM t GROUP BY k"));
    assertEquals(List.of("5000"), rows("SELECT COUNT(*) FROM t a JOIN t b ON a.id = b.id WHERE a.k < 2"));
    assertEquals(blocks, cluster.storedBlocks(), "queries over the table released their own blocks only");
    run("DROP TABLE t");
    assertEquals(0, cluster.storedBlocks());
  }

  @Test
  void aTableLostWithItsWorkerSaysSo() {
    startCluster();
    run("CREATE TABLE t AS SELECT id FROM range(1000)");
    cluster.workers().get(1).kill();
    QuiverException e = assertThrows(QuiverException.class, () -> rows("SELECT COUNT(*) FROM t"));
    assertTrue(e.getMessage().contains("Table 't' lost its blocks"), e.getMessage());
  }

  /**
   * Kills worker {@code id} when the first task of stage {@code stage} is about to be submitted (to any
   * worker: stages stream, so the consumer's tasks may all go to the slot the other worker freed first).
   */
  private void killOnce(String id, int stage) {
    AtomicBoolean killed = new AtomicBoolean();
    cluster.beforeSubmit((w, task) -> {
      submitted.add(w.info().id() + " " + task.stage() + "/" + task.task() + "/" + task.attempt());
      if (task.stage() == stage && killed.compareAndSet(false, true)) {
        cluster.workers().stream().filter(v -> v.info().id().equals(id)).forEach(InProcessWorkerClient::kill);
      }
    });
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(String sql) {
    TestRows.drain(session, sql);
  }

  /** The rows as tab-separated text, sorted. */
  private List<String> rows(String sql) {
    List<String> out = rowsInOrder(sql);
    Collections.sort(out);
    return out;
  }

  private List<String> rowsInOrder(String sql) {
    return TestRows.tsv(session, sql);
  }
}
