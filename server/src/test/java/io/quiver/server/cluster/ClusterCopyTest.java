package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.sink.Manifest;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.S3Fixture;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.TestRows;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * COPY on a cluster of two in-process workers: the workers write the files (each task stages its own,
 * the coordinator commits them once), to local folders and to S3 with partitions: every row exactly once,
 * files from both workers, nothing staged left (no staging folder, no pending multipart upload). A
 * globally ordered COPY is written by the coordinator. A UDF failing mid-COPY leaves no target (or the old
 * one untouched under OVERWRITE).
 */
class ClusterCopyTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  private static final String QUERY = "SELECT id, CAST(id % 4 AS INT) AS k, 'v' || CAST(id AS VARCHAR) AS s "
      + "FROM range(20000)";
  /** File names of COPYs written by workers: {@code part-<copy id>-t<task>-<attempt id>-<n>.<ext>}. */
  private static final String WORKER_FILE = "part-[0-9a-f]{8}-t\\d+-[0-9a-f]{6}-\\d{5}\\.parquet";

  @TempDir Path dir;
  private QuiverEngine engine;
  private InProcessCluster cluster;
  private Session session;
  /** Workers that were sent a COPY-writing task. */
  private final Set<String> writers = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    cluster = new InProcessCluster(engine, 2, 1);
    cluster.beforeSubmit((w, task) -> {
      if (task.fragment() instanceof CopyWriteNode) {
        writers.add(w.info().id());
      }
    });
    session = engine.newSession();
    run("SET batch_size = 500");
  }

  @AfterEach
  void close() {
    session.close();
    assertEquals(0, cluster.storedBlocks(), "blocks left on the workers");
    cluster.close();
    assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
    engine.close();
  }

  private void run(String sql) {
    session.execute(sql).close();
  }

  private long update(String sql) {
    try (StatementResult r = session.execute(sql)) {
      return r.updateCount();
    }
  }

  private List<String> rows(String sql) {
    return TestRows.quiver(session, sql);
  }

  /** Every path under {@code p}, hidden ones included, relative and sorted. */
  private static List<String> tree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return List.of();
    }
    try (Stream<Path> w = Files.walk(p)) {
      return w.filter(x -> !x.equals(p)).map(x -> p.relativize(x).toString()).sorted().toList();
    }
  }

  private static Set<String> tasksIn(List<String> files) {
    Set<String> tasks = new TreeSet<>();
    for (String f : files) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(t\\d+)-").matcher(f);
      if (m.find()) {
        tasks.add(m.group(1));
      }
    }
    return tasks;
  }

  @Test
  void partitionedCopyToALocalFolderIsWrittenByBothWorkers() throws IOException {
    Path out = dir.resolve("out");
    assertEquals(20000, update("COPY (" + QUERY + ") TO '" + out + "' (FORMAT parquet, PARTITION_BY (k))"));
    assertEquals(Set.of("w1", "w2"), writers, "both workers ran a writing task");
    List<String> files = tree(out);
    assertTrue(files.stream().noneMatch(f -> f.contains(LocalStorage.STAGING_FOLDER) || f.contains("/.")),
        "no staging left: " + files);
    List<String> data = files.stream().filter(f -> f.endsWith(".parquet")).toList();
    assertTrue(data.stream().allMatch(f -> f.matches("k=[0-3]/" + WORKER_FILE)), data.toString());
    assertTrue(tasksIn(data).size() >= 2, "files of several tasks: " + data);
    Manifest m = Manifest.parse(Files.readAllBytes(out.resolve(Manifest.NAME)));
    assertEquals(data, m.files().stream().map(Manifest.Entry::path).sorted().toList(), "the manifest lists them all");
    assertEquals(20000, m.rows());
    assertEquals(rows("SELECT id, s FROM (" + QUERY + ")"), rows("SELECT id, s FROM read_parquet('" + out + "')"));
    assertEquals(rows("SELECT id, s FROM (" + QUERY + ") WHERE k = 2"),
        rows("SELECT * FROM read_parquet('" + out + "/k=2')"));
  }

  private static List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o : S3.client().listObjectsV2Paginator(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).contents()) {
      out.add(o.key().substring(prefix.length()));
    }
    out.sort(null);
    return out;
  }

  private static int pendingUploads(String prefix) {
    return S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).uploads().size();
  }

  private void useS3() {
    S3.settings().forEach((k, v) -> run("SET " + k + " = '" + v + "'"));
  }

  @Test
  void partitionedCopyToS3IsWrittenByBothWorkers() {
    useS3();
    String target = S3Fixture.uri("cluster-copy/parts");
    assertEquals(20000, update("COPY (" + QUERY + ") TO '" + target + "' (FORMAT parquet, PARTITION_BY (k), "
        + "COMPRESSION 'zstd')"));
    assertEquals(Set.of("w1", "w2"), writers, "both workers ran a writing task");
    List<String> k = keys("cluster-copy/parts/");
    assertEquals(Manifest.NAME, k.get(0));
    List<String> data = k.subList(1, k.size());
    assertTrue(data.stream().allMatch(f -> f.matches("k=[0-3]/" + WORKER_FILE)), data.toString());
    assertTrue(tasksIn(data).size() >= 2, "files of several tasks: " + data);
    assertEquals(0, pendingUploads("cluster-copy/"), "every upload completed or aborted");
    assertEquals(rows("SELECT id, s FROM (" + QUERY + ")"), rows("SELECT id, s FROM read_parquet('" + target + "')"));
  }

  @Test
  void aGloballyOrderedCopyIsWrittenByTheCoordinator() throws IOException {
    Path out = dir.resolve("ordered");
    assertEquals(20000, update("COPY (" + QUERY + " ORDER BY id DESC) TO '" + out + "' (FORMAT parquet)"));
    assertEquals(Set.of(), writers, "no task wrote files");
    List<String> data = tree(out).stream().filter(f -> f.endsWith(".parquet")).toList();
    assertTrue(data.stream().allMatch(f -> f.matches("part-[0-9a-f]{8}-\\d{5}\\.parquet")), data.toString());
    List<String> first = new ArrayList<>();
    try (StatementResult r = session.execute("SELECT id FROM read_parquet('" + out + "') LIMIT 3")) {
      var b = r.stream().next();
      try (b) {
        for (int i = 0; i < b.getRowCount(); i++) {
          first.add(String.valueOf(b.getVector(0).getObject(i)));
        }
      }
    }
    assertEquals(List.of("19999", "19998", "19997"), first, "the file keeps the query's order");
  }

  @Test
  void aUdfFailingMidCopyLeavesNoTargetLocallyOrOnS3() throws Exception {
    Path jar = TestJars.build(dir, "fail-after.jar", Map.of("t.FailAfter", TestUdfSources.FAIL_AFTER), Map.of());
    run("CREATE FUNCTION fail_after AS 't.FailAfter' USING JAR '" + jar + "' WITH (after = 6000, concurrency = 1)");
    String copy = "COPY (SELECT id, fail_after(id) AS y, CAST(id %% 4 AS INT) AS k FROM range(20000)) TO '%s' "
        + "(FORMAT parquet, PARTITION_BY (k)%s)";
    Path parent = Files.createDirectories(dir.resolve("parent"));
    Path out = parent.resolve("out");
    QuiverException e = assertThrows(QuiverException.class, () -> update(copy.formatted(out, "")));
    assertTrue(e.getMessage().contains("fail_after: more than 6000 rows"), e.getMessage());
    assertEquals(Set.of("w1", "w2"), writers, "the workers were writing");
    assertEquals(List.of(), tree(parent), "no target and no staging");

    // Over an existing output, with OVERWRITE: the old output stays exactly as it was.
    update("COPY (SELECT id, CAST(id % 4 AS INT) AS k FROM range(100)) TO '" + out + "' (FORMAT parquet, PARTITION_BY (k))");
    List<String> before = tree(parent);
    assertThrows(QuiverException.class, () -> update(copy.formatted(out, ", OVERWRITE true")));
    assertEquals(before, tree(parent));
    assertEquals(List.of("[100]"), rows("SELECT COUNT(*) FROM read_parquet('" + out + "')"));

    useS3();
    String target = S3Fixture.uri("cluster-copy/failed");
    assertThrows(QuiverException.class, () -> update(copy.formatted(target, "")));
    assertEquals(List.of(), keys("cluster-copy/failed/"), "no object under the target");
    assertEquals(0, pendingUploads("cluster-copy/failed/"), "no multipart upload left");
    assertFalse(writers.isEmpty());
  }

  @Test
  void aCancelledCopyLeavesNoTargetAndNoStaging() throws Exception {
    Path jar = TestJars.build(dir, "twice.jar", Map.of("t.Twice", TestUdfSources.TWICE), Map.of());
    run("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 20)");
    run("SET batch_size = 100");
    Path parent = Files.createDirectories(dir.resolve("parent"));
    Path out = parent.resolve("out");
    java.util.concurrent.CompletableFuture<Long> copy = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> update("COPY (SELECT id, twice(id) AS t FROM range(20000)) TO '" + out + "' (FORMAT parquet)"));
    long deadline = System.currentTimeMillis() + 20_000;
    while (tree(out).stream().noneMatch(f -> f.endsWith(".parquet")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(tree(out).stream().anyMatch(f -> f.startsWith(LocalStorage.STAGING_FOLDER) && f.endsWith(".parquet")),
        "the tasks are staging files: " + tree(out));
    assertFalse(copy.isDone());
    session.cancelRunning();
    java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> copy.get(20, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("cancelled"), e.getCause().getMessage());
    assertEquals(List.of(), tree(parent), "no target and no staging");
  }
}
