package io.quiver.server.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.sink.Manifest;
import io.quiver.executor.storage.FaultInjectingProxy;
import io.quiver.executor.storage.S3Config;
import io.quiver.executor.storage.S3Fixture;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.TestRows;
import io.quiver.server.WalkthroughScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * COPY to {@code s3://} (an in-process s3proxy): plain and partitioned output read back through
 * {@code read_parquet} and by DuckDB (from a local download: DuckDB's httpfs would need a network
 * install), OVERWRITE, and S3 answering 503 for a while: the output is complete or absent, and neither
 * objects nor multipart uploads are left behind by a failure.
 */
class S3CopyTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  private static final String IMAGES = WalkthroughScript.DATA.resolve("mnist/50_per_index").toString();
  private static final String TABLE = "SELECT id, CAST(id % 10 AS INT) AS label, 'v' || CAST(id AS VARCHAR) AS s, "
      + "CAST(id AS DOUBLE) / 4 AS f FROM range(1000)";

  @TempDir Path tmp;
  private QuiverEngine engine;
  private Session s;

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    s = engine.newSession();
    S3WalkthroughTest.setStatements().forEach(this::update);
  }

  @AfterEach
  void close() {
    s.close();
    assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
    engine.close();
  }

  private long update(String sql) {
    try (StatementResult r = s.execute(sql)) {
      return r.updateCount();
    }
  }

  private List<String> rows(String sql) {
    return TestRows.quiver(s, sql);
  }

  /** The keys under {@code prefix}, relative to it, sorted. */
  static List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o : S3.client().listObjectsV2Paginator(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).contents()) {
      out.add(o.key().substring(prefix.length()));
    }
    out.sort(null);
    return out;
  }

  /** Multipart uploads started under {@code prefix} and neither completed nor aborted. */
  static int pendingUploads(String prefix) {
    return S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).uploads().size();
  }

  /** Downloads every object under {@code prefix} into {@code dir}, keeping the relative paths. */
  static Path download(String prefix, Path dir) throws IOException {
    S3Client c = S3.client();
    for (String key : keys(prefix)) {
      Path f = dir.resolve(key);
      Files.createDirectories(f.getParent());
      Files.write(f, c.getObjectAsBytes(b -> b.bucket(S3Fixture.BUCKET).key(prefix + key)).asByteArray());
    }
    return dir;
  }

  @Test
  void plainAndPartitionedCopyReadBackByQuiverAndDuckDb() throws Exception {
    update("CREATE TABLE t AS " + TABLE);
    String plain = S3Fixture.uri("copy/plain");
    assertEquals(1000, update("COPY (SELECT * FROM t) TO '" + plain + "' (FORMAT parquet)"));
    List<String> plainKeys = keys("copy/plain/");
    assertEquals(Manifest.NAME, plainKeys.get(0));
    assertTrue(plainKeys.size() >= 2 && plainKeys.subList(1, plainKeys.size()).stream()
        .allMatch(k -> k.matches("part-[0-9a-f]{8}-\\d{5}\\.parquet")), plainKeys.toString());
    assertEquals(rows("SELECT * FROM t"), rows("SELECT * FROM read_parquet('" + plain + "')"));

    String parts = S3Fixture.uri("copy/parts");
    assertEquals(1000, update("COPY t TO '" + parts + "' (FORMAT parquet, PARTITION_BY (label), COMPRESSION 'zstd')"));
    List<String> folders = keys("copy/parts/").stream().map(k -> k.contains("/") ? k.substring(0, k.indexOf('/')) : k)
        .distinct().toList();
    assertEquals(List.of("_SUCCESS", "label=0", "label=1", "label=2", "label=3", "label=4", "label=5", "label=6",
        "label=7", "label=8", "label=9"), folders);
    assertEquals(rows("SELECT id, s, f FROM t"), rows("SELECT * FROM read_parquet('" + parts + "')"));
    assertEquals(rows("SELECT id, s, f FROM t WHERE label = 7"), rows("SELECT * FROM read_parquet('" + parts + "/label=7')"));
    assertEquals(rows("SELECT id, s, f FROM t WHERE label = 3"), rows("SELECT * FROM read_parquet('" + parts + "/*3/*.parquet')"));

    // Tensors survive the trip through S3.
    String images = "SELECT * FROM read_images('" + IMAGES + "/3', include_paths => true)";
    String imagesOut = S3Fixture.uri("copy/images");
    assertEquals(50, update("COPY (" + images + ") TO '" + imagesOut + "'"));
    assertEquals(rows("DESCRIBE " + images), rows("DESCRIBE SELECT * FROM read_parquet('" + imagesOut + "')"));
    assertEquals(rows(images), rows("SELECT * FROM read_parquet('" + imagesOut + "')"));

    Path plainLocal = download("copy/plain/", Files.createDirectories(tmp.resolve("plain")));
    Path partsLocal = download("copy/parts/", Files.createDirectories(tmp.resolve("parts")));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      assertEquals(rows("SELECT * FROM t"), TestRows.duck(duck, "SELECT id, label, s, f FROM read_parquet('"
          + plainLocal + "/*.parquet')"));
      assertEquals(rows("SELECT * FROM t"), TestRows.duck(duck, "SELECT id, CAST(label AS INTEGER), s, f FROM "
          + "read_parquet('" + partsLocal + "/*/*.parquet', hive_partitioning = true)"));
    }
    assertEquals(0, pendingUploads("copy/"));
  }

  @Test
  void overwriteReplacesOldFilesAndReadersSeeOnlyTheNewOnes() {
    String target = S3Fixture.uri("copy/ow");
    update("COPY (SELECT id, CAST(id % 10 AS INT) AS label FROM range(100)) TO '" + target
        + "' (FORMAT parquet, PARTITION_BY (label))");
    List<String> before = keys("copy/ow/");
    assertEquals(11, before.size(), before.toString());

    QuiverException e = assertThrows(QuiverException.class,
        () -> update("COPY (SELECT id FROM range(3)) TO '" + target + "' (FORMAT parquet)"));
    assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains(target), e.getMessage());
    assertEquals(before, keys("copy/ow/"));

    // Fewer partitions: folders the new output has not got go too.
    update("COPY (SELECT id + 1000 AS id, CAST(id % 3 AS INT) AS label FROM range(30)) TO '" + target
        + "' (FORMAT parquet, PARTITION_BY (label), OVERWRITE true)");
    List<String> after = keys("copy/ow/");
    assertEquals(4, after.size(), after.toString());
    for (String old : before) {
      if (!old.equals(Manifest.NAME)) {
        assertFalse(after.contains(old), "old object " + old + " deleted: " + after);
      }
    }
    assertTrue(after.stream().allMatch(k -> k.equals(Manifest.NAME) || k.matches("label=[012]/part-.*")), after.toString());
    assertEquals(rows("SELECT id + 1000 AS id FROM range(30)"), rows("SELECT * FROM read_parquet('" + target + "')"));

    // An object the manifest does not list (an old file not deleted yet, a file of a COPY still committing)
    // is invisible to readers.
    String newFile = after.stream().filter(k -> k.startsWith("label=1/")).findFirst().orElseThrow();
    S3.client().copyObject(b -> b.sourceBucket(S3Fixture.BUCKET).sourceKey("copy/ow/" + newFile)
        .destinationBucket(S3Fixture.BUCKET).destinationKey("copy/ow/label=1/part-0000dead-00000.parquet"));
    assertEquals(rows("SELECT id + 1000 AS id FROM range(30)"), rows("SELECT * FROM read_parquet('" + target + "')"));
    assertEquals(30, rows("SELECT * FROM read_parquet('" + target + "/*/*.parquet')").size());

    // OVERWRITE deletes it too (it is an old file as far as the new COPY is concerned).
    update("COPY (SELECT id FROM range(7)) TO '" + target + "' (FORMAT parquet, OVERWRITE true)");
    List<String> last = keys("copy/ow/");
    assertTrue(last.stream().noneMatch(k -> k.contains("/")), last.toString());
    assertEquals(7, rows("SELECT * FROM read_parquet('" + target + "')").size());
  }

  /** Session settings through {@code proxy}, with {@code attempts} attempts per request. */
  private void useProxy(FaultInjectingProxy proxy, int attempts) {
    Map<String, String> settings = S3Fixture.settings(proxy.endpoint());
    settings.put(S3Config.MAX_ATTEMPTS, Integer.toString(attempts));
    settings.forEach((k, v) -> update("SET " + k + " = '" + v + "'"));
  }

  @Test
  void s3Answering503ForAWhileGivesCompleteOutputOrNone() throws IOException {
    update("CREATE TABLE t AS " + TABLE);
    String copy = "COPY t TO '%s' (FORMAT parquet, PARTITION_BY (label))";
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.port(), 0, true)) {
      useProxy(proxy, 5);
      int start = proxy.connections();
      update(copy.formatted(S3Fixture.uri("copy/503/clean")));
      int requests = proxy.connections() - start; // one connection per request
      assertTrue(requests > 20, "requests: " + requests);

      // Three failures in the middle: the SDK retries (up to 5 attempts) and the COPY completes.
      proxy.failAfter(requests / 2, 3);
      assertEquals(1000, update(copy.formatted(S3Fixture.uri("copy/503/retried"))));
      assertEquals(3, proxy.failed());
      assertEquals(rows("SELECT id, s, f FROM t"), rows("SELECT * FROM read_parquet('" + S3Fixture.uri("copy/503/retried") + "')"));
      assertEquals(keys("copy/503/clean/").size(), keys("copy/503/retried/").size());

      // S3 fails the last request (the manifest) more often than the attempts allow: the COPY fails, and
      // the data files it had committed are deleted once S3 answers again.
      useProxy(proxy, 2);
      proxy.failAfter(requests - 1, 2);
      QuiverException e = assertThrows(QuiverException.class,
          () -> update(copy.formatted(S3Fixture.uri("copy/503/failed"))));
      assertTrue(e.getMessage().contains("503") && e.getMessage().contains("after 2 attempts"), e.getMessage());
      assertEquals(5, proxy.failed());
      assertEquals(List.of(), keys("copy/503/failed"));
      assertEquals(0, pendingUploads("copy/503/"));
    }
  }
}
