package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.TestRows;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries through the cluster scheduler on two in-process workers: shuffles, cancel, cleanup. */
class ClusterQueryTest {
  @TempDir
  Path dir;

  private QuiverEngine engine;
  private InProcessCluster cluster;
  private Session session;

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    cluster = new InProcessCluster(engine, 2, 1);
    session = engine.newSession();
    run("SET batch_size = 1000");
  }

  @AfterEach
  void close() {
    session.close();
    assertEquals(0, cluster.storedBlocks(), "blocks left on the workers");
    cluster.close();
    assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
    engine.close();
  }

  @Test
  void orderByRandomIsAReproduciblePermutationUnderASeed() {
    String sql = "SELECT id FROM range(20000) ORDER BY RANDOM()";
    run("SET seed = 11");
    List<String> a = rows(sql);
    List<String> b = rows(sql);
    assertEquals(a, b, "the same seed gives the same order");
    List<String> sorted = new ArrayList<>(a);
    sorted.sort((x, y) -> Long.compare(Long.parseLong(x), Long.parseLong(y)));
    List<String> identity = rows("SELECT id FROM range(20000)");
    assertEquals(identity, sorted, "a permutation of the input");
    assertNotEquals(identity, a, "not the input order");
    run("SET seed = 12");
    assertNotEquals(a, rows(sql), "another seed, another order");
    run("RESET seed");
    assertNotEquals(rows(sql), rows(sql), "without a seed every query shuffles anew");
  }

  @Test
  void orderByRandomOfATableOnTheWorkers() {
    run("SET seed = 3");
    run("CREATE TABLE t AS SELECT id FROM range(5000)");
    List<String> a = rows("SELECT id FROM t ORDER BY RANDOM()");
    assertEquals(a, rows("SELECT id FROM t ORDER BY RANDOM()"));
    assertEquals(List.of("5000\t12497500"), rows("SELECT COUNT(*), SUM(id) FROM (SELECT id FROM t ORDER BY RANDOM())"));
    run("DROP TABLE t");
  }

  @Test
  void cancelStopsTheTasksOnEveryWorker() throws Exception {
    Path jar = TestJars.build(dir, "twice.jar", Map.of("t.Twice", TestUdfSources.TWICE), Map.of());
    run("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 20)");
    run("SET batch_size = 10");
    CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
      try {
        rows("SELECT SUM(twice(id)) FROM range(100000)");
        return null;
      } catch (QuiverException e) {
        return e;
      }
    });
    long deadline = System.currentTimeMillis() + 10_000;
    while (session.runningQueries() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    session.cancelRunning();
    Throwable e = failure.get(20, TimeUnit.SECONDS);
    assertTrue(e != null && e.getMessage().contains("cancelled"), String.valueOf(e));
  }

  private void run(String sql) {
    TestRows.drain(session, sql);
  }

  /** The rows as tab-separated text, in the order returned. */
  private List<String> rows(String sql) {
    return TestRows.tsv(session, sql);
  }
}
