package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.S3Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.TestRows;
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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
 * running query fails with a clear error within bounded time. A COPY (to a folder, and partitioned to S3)
 * whose worker dies mid-way still writes every row exactly once and commits; its files are written by the
 * workers (one attempt per task), and what the killed attempt had staged is gone: no staging files, no
 * open multipart uploads. A killed worker is replaced by a new
 * process before the next test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

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
    // What the tasks stage while the COPY runs: the killed worker's attempt leaves files there.
    Set<String> staged = ConcurrentHashMap.newKeySet();
    Path staging = Path.of(target, LocalStorage.STAGING_FOLDER);
    // The kill comes once both tasks have staged files, so the victim's are left behind for the coordinator.
    String copy = "COPY (SELECT id, twice(id) AS t FROM range(8000)) TO '" + target + "' (FORMAT parquet)";
    long written = watching(() -> {
      try (Stream<Path> files = Files.walk(staging)) {
        files.forEach(f -> staged.addAll(attempts(f.getFileName().toString())));
      } catch (IOException | UncheckedIOException e) {
        // not there yet, or changing under the walk
      }
    }, () -> killWhen(() -> tasks(staged).size() >= 2, () -> update(copy), 1));
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
      List<String> names = files.map(f -> out.relativize(f).toString()).toList();
      assertEquals(List.of(), names.stream().filter(n -> n.startsWith(".") || n.contains("/.")
          || n.contains(LocalStorage.STAGING_FOLDER)).toList(), "no staging files are left");
      Set<String> committed = new TreeSet<>();
      names.forEach(n -> committed.addAll(attempts(n)));
      assertEquals(Set.of("t0", "t1"), tasks(committed), "the workers wrote, one attempt per task: " + committed);
      Set<String> abandoned = new TreeSet<>(staged);
      abandoned.removeAll(committed);
      assertFalse(abandoned.isEmpty(), "the killed worker's attempt had staged files (" + staged + "), now gone");
    }
  }

  @Test
  @Order(4)
  void copyToS3WritesEveryRowOnceWhenAWorkerIsKilledAndLeavesNoUpload() throws Exception {
    replaceKilledWorkers();
    S3.settings().forEach((k, v) -> run("SET " + k + " = '" + v + "'"));
    run("SET batch_size = 100");
    String prefix = "chaos/copy/";
    String target = S3Fixture.uri(prefix.substring(0, prefix.length() - 1));
    Set<String> staged = ConcurrentHashMap.newKeySet();
    long written = watching(() -> {
      for (MultipartUpload u : S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).uploads()) {
        staged.addAll(attempts(u.key()));
      }
    }, () -> killWhen(() -> tasks(staged).size() >= 2, () -> update("COPY (SELECT id, twice(id) AS t, id % 3 AS k "
        + "FROM range(8000)) TO '" + target + "' (FORMAT parquet, PARTITION_BY (k))"), 1));
    run("RESET batch_size");
    assertEquals(8000, written);
    List<String> expected = new ArrayList<>();
    for (long id = 0; id < 8000; id++) {
      expected.add(id + "\t" + 2 * id);
    }
    Collections.sort(expected);
    assertEquals(expected, rows("SELECT id, t FROM read_parquet('" + target + "')"));
    assertEquals(0, S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).uploads().size(),
        "no multipart upload is left open");
    Set<String> committed = new TreeSet<>();
    S3.client().listObjectsV2Paginator(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).contents()
        .forEach(o -> committed.addAll(attempts(o.key())));
    assertEquals(Set.of("t0", "t1"), tasks(committed), "the workers wrote, one attempt per task: " + committed);
    Set<String> abandoned = new TreeSet<>(staged);
    abandoned.removeAll(committed);
    assertFalse(abandoned.isEmpty(), "the killed worker's attempt had uploads open (" + staged + "), now aborted");
  }

  /** The task attempt ({@code t1-9f2c4a}) a worker-written file name carries, if any. */
  private static Set<String> attempts(String name) {
    Matcher m = ATTEMPT.matcher(name);
    return m.find() ? Set.of(m.group(1)) : Set.of();
  }

  private static final Pattern ATTEMPT = Pattern.compile("part-[0-9a-f]{8}-(t\\d+-[0-9a-f]{6})-\\d{5}");

  /** The task numbers ({@code t0}) of attempts. */
  private static Set<String> tasks(Set<String> attempts) {
    Set<String> out = new TreeSet<>();
    attempts.forEach(a -> out.add(a.substring(0, a.indexOf('-'))));
    return out;
  }

  /** Runs {@code work} while {@code poll} runs every 20 ms on another thread; returns what work returned. */
  private static <T> T watching(Runnable poll, Callable<T> work) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread watcher = new Thread(() -> {
      while (!stop.get()) {
        poll.run();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "staging-watcher");
    watcher.start();
    try {
      return work.call();
    } finally {
      stop.set(true);
      watcher.join();
    }
  }

  @Test
  @Order(5)
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
    return killWhen(() -> {
      try {
        Thread.sleep(afterMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return true;
    }, work, victims);
  }

  /** Runs {@code work}, kills {@code victims} live workers once {@code ready} says so, returns its result. */
  private <T> T killWhen(BooleanSupplier ready, Supplier<T> work, int victims) throws Exception {
    lost.clear();
    CompletableFuture<T> result = CompletableFuture.supplyAsync(work);
    long deadline = System.currentTimeMillis() + 30_000;
    while (!ready.getAsBoolean() && !result.isDone() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
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
    TestRows.drain(session, sql);
  }

  private long update(String sql) {
    try (StatementResult r = session.execute(sql)) {
      return r.updateCount();
    }
  }

  /** The rows as tab-separated text, sorted. */
  private List<String> rows(String sql) {
    List<String> out = TestRows.tsv(session, sql);
    Collections.sort(out);
    return out;
  }
}
