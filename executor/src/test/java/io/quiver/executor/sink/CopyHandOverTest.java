package io.quiver.executor.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.cluster.SplitShare;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.parquet.ParquetSource;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.S3Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The cluster's COPY protocol without the cluster: "tasks" run {@link CopyWriteOperator}s that stage files
 * and hand them over, a second attempt of a task stages its own files too (it lost the race), and the
 * coordinator's {@link CopyWriter} commits the winners' files only; the loser's staging and the staging
 * area are gone afterwards. Aborting leaves no target and no staging; a failing task drops its own files.
 * Locally (staging folder, rename) and on S3 (multipart uploads completed or aborted).
 */
class CopyHandOverTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  @TempDir Path tmp;
  private BufferAllocator allocator;
  private ExecutorService pool;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    allocator.close();
  }

  private ExecContext context(int task) {
    Map<String, String> settings = new HashMap<>(S3.settings());
    settings.put("batch_size", "16");
    settings.put("threads", "2");
    ExecContext ctx = new ExecContext(allocator, settings, pool, null);
    ctx.attachment(SplitShare.class, () -> new SplitShare(task, 2));
    return ctx;
  }

  private Schema schema() {
    try (VectorSchemaRoot b = CopyTestData.labelled(allocator, 0, 1)) {
      return b.getSchema();
    }
  }

  private static CopySpec partitioned(String target) {
    return new CopySpec(target, CopySpec.Format.PARQUET, List.of("label"), false, CopySpec.Compression.ZSTD,
        CopySpec.DEFAULT_FILE_SIZE_BYTES, CopySpec.DEFAULT_ROW_GROUP_ROWS, false, true, ',');
  }

  /** Task {@code task} writes rows [first, first + 40) (failing at batch {@code failAt} if >= 0). */
  private List<StagedOutput> runTask(CopySpec spec, String copyId, int task, int first, int failAt) {
    ExecContext ctx = context(task);
    CopyWriteNode node = new CopyWriteNode(new ValuesNode(schema(), List.of()), spec, copyId);
    try (BatchStream in = CopyTestData.stream(schema(), 4, failAt, i -> CopyTestData.labelled(allocator, first + i * 10, 10));
         CopyWriteOperator op = new CopyWriteOperator(in, node, ctx)) {
      List<StagedOutput> out = StagedOutput.read(new OneBatch(op));
      assertEquals(40, out.stream().mapToLong(StagedOutput::rows).sum());
      return out;
    }
  }

  /** The operator's one batch, as a stream that ends after it. */
  private record OneBatch(CopyWriteOperator op) implements BatchStream {
    @Override
    public Schema schema() {
      return op.schema();
    }

    @Override
    public VectorSchemaRoot next() {
      return op.next();
    }

    @Override
    public void close() {}
  }

  private static List<StagedOutput> concat(List<StagedOutput> a, List<StagedOutput> b) {
    List<StagedOutput> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The {@code name} column of every row the output holds, sorted. */
  private List<String> readBack(String target) {
    ExecContext ctx = context(0);
    ParquetSource src = new ParquetSource(Map.of("path", target), ctx.settings());
    int name = src.schema().getFields().indexOf(src.schema().findField("name"));
    List<String> rows = new ArrayList<>();
    for (List<Object> r : SourceTestSupport.readAll(src, new ScanSpec(new int[] {name}, List.of(), -1), ctx)) {
      rows.add(String.valueOf(SourceTestSupport.plain(r.get(0))));
    }
    rows.sort(null);
    return rows;
  }

  private static List<String> expected(int rows) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      out.add("n" + r);
    }
    out.sort(null);
    return out;
  }

  /** Every path under {@code dir}, hidden ones included, relative and sorted. */
  private static List<String> tree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void localWinnersAreCommittedAndEveryStagedLeftoverIsDropped() throws IOException {
    Path out = tmp.resolve("out");
    CopySpec spec = partitioned(out.toString());
    CopyWriter coordinator = CopyWriter.open(spec, schema(), LocalStorage.INSTANCE, context(0));
    String id = coordinator.distribute();
    List<StagedOutput> t0 = runTask(spec, id, 0, 0, -1);
    List<StagedOutput> t1 = runTask(spec, id, 1, 40, -1);
    List<StagedOutput> t1Lost = runTask(spec, id, 1, 40, -1); // a second attempt whose answer came too late
    assertTrue(tree(out).stream().allMatch(p -> p.startsWith(LocalStorage.STAGING_FOLDER)), tree(out).toString());
    assertTrue(t1Lost.stream().noneMatch(f -> t1.stream().anyMatch(g -> g.path().equals(f.path()))),
        "attempts never share a file name");

    CopyWriter.Result r = coordinator.commit(concat(t0, t1));
    assertEquals(80, r.rows());
    assertEquals(t0.size() + t1.size(), r.files());
    List<String> files = tree(out);
    assertTrue(files.stream().noneMatch(p -> p.startsWith("_quiver") || p.contains("/.") || p.startsWith(".")),
        files.toString());
    List<String> data = files.stream().filter(p -> p.endsWith(".parquet")).toList();
    assertEquals(t0.size() + t1.size(), data.size(), data.toString());
    assertTrue(data.stream().allMatch(p -> p.matches("label=[^/]+/part-" + id + "-t[01]-[0-9a-f]{6}-\\d{5}\\.parquet")),
        data.toString());
    assertTrue(data.stream().anyMatch(p -> p.contains("-t0-")) && data.stream().anyMatch(p -> p.contains("-t1-")));
    assertEquals(expected(80), readBack(out.toString()));
  }

  @Test
  void localAbortLeavesNoTargetAndAFailingTaskDropsItsOwnFiles() throws IOException {
    Path out = tmp.resolve("out");
    CopySpec spec = partitioned(out.toString());
    CopyWriter coordinator = CopyWriter.open(spec, schema(), LocalStorage.INSTANCE, context(0));
    String id = coordinator.distribute();
    runTask(spec, id, 0, 0, -1);
    assertThrows(RuntimeException.class, () -> runTask(spec, id, 1, 40, 2));
    assertTrue(tree(out).stream().noneMatch(p -> p.contains("-t1-")), "the failed task's files are gone: " + tree(out));
    assertTrue(tree(out).stream().anyMatch(p -> p.contains("-t0-")));
    coordinator.abort();
    assertFalse(Files.exists(out), "no target, no staging: " + tree(out));
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

  @Test
  void s3WinnersAreCompletedAndEveryOtherUploadIsAborted() {
    String target = S3Fixture.uri("handover/win");
    CopySpec spec = partitioned(target);
    CopyWriter coordinator = CopyWriter.open(spec, schema(), S3.storage(), context(0));
    String id = coordinator.distribute();
    List<StagedOutput> t0 = runTask(spec, id, 0, 0, -1);
    List<StagedOutput> t1 = runTask(spec, id, 1, 40, -1);
    List<StagedOutput> t1Lost = runTask(spec, id, 1, 40, -1);
    assertEquals(List.of(), keys("handover/win/"), "nothing is visible before the commit");
    assertEquals(t0.size() + t1.size() + t1Lost.size(), pendingUploads("handover/win/"));

    CopyWriter.Result r = coordinator.commit(concat(t0, t1));
    assertEquals(80, r.rows());
    List<String> k = keys("handover/win/");
    assertEquals(1 + t0.size() + t1.size(), k.size(), k.toString());
    assertEquals(Manifest.NAME, k.get(0));
    assertTrue(k.subList(1, k.size()).stream().allMatch(p -> p.matches("label=[^/]+/part-" + id + "-t[01]-[0-9a-f]{6}-\\d{5}\\.parquet")),
        k.toString());
    assertEquals(0, pendingUploads("handover/win/"), "the lost attempt's uploads were aborted");
    assertEquals(expected(80), readBack(target));
  }

  @Test
  void s3AbortLeavesNoObjectsAndNoUploads() {
    String target = S3Fixture.uri("handover/abort");
    CopySpec spec = partitioned(target);
    CopyWriter coordinator = CopyWriter.open(spec, schema(), S3.storage(), context(0));
    String id = coordinator.distribute();
    List<StagedOutput> t0 = runTask(spec, id, 0, 0, -1);
    assertThrows(RuntimeException.class, () -> runTask(spec, id, 1, 40, 2));
    assertEquals(t0.size(), pendingUploads("handover/abort/"), "the failed task aborted its own uploads");
    coordinator.abort();
    assertEquals(List.of(), keys("handover/abort/"));
    assertEquals(0, pendingUploads("handover/abort/"));
  }
}
