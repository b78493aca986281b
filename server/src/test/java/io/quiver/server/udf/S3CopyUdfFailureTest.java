package io.quiver.server.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.S3Fixture;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A UDF that throws in the middle of a COPY to {@code s3://}, after the writers have started multipart
 * uploads: afterwards no object is under the target and no multipart upload is pending (checked with a
 * raw S3 client); over an existing output with OVERWRITE, the old objects are exactly as before.
 */
class S3CopyUdfFailureTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  @TempDir Path dir;

  private static List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    for (S3Object o : S3.client().listObjectsV2Paginator(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).contents()) {
      out.add(o.key() + " " + o.eTag());
    }
    out.sort(null);
    return out;
  }

  private static int pendingUploads(String prefix) {
    return S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).uploads().size();
  }

  /** Runs {@code sql}, which must fail naming the UDF, while counting the multipart uploads seen pending. */
  private static int failWhileWatchingUploads(Session s, String sql, String prefix) throws InterruptedException {
    AtomicInteger mostPending = new AtomicInteger();
    Thread watcher = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        mostPending.accumulateAndGet(pendingUploads(prefix), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "upload-watcher");
    watcher.start();
    try {
      QuiverException e = assertThrows(QuiverException.class, () -> s.execute(sql).close());
      assertTrue(e.getMessage().contains("fail_after: more than 30000 rows"), e.getMessage());
    } finally {
      watcher.interrupt();
      watcher.join();
    }
    return mostPending.get();
  }

  @Test
  void udfFailingMidCopyToS3LeavesNoObjectsAndNoUploads() throws Exception {
    Path jar = TestJars.build(dir, "fail-after.jar", Map.of("t.FailAfter", TestUdfSources.FAIL_AFTER), Map.of());
    String target = S3Fixture.uri("udf-failure/out");
    // ~1.1 KB per row: the 30,000 rows before the failure are ~33 MB, several 8 MB parts per writer.
    String copy = "COPY (SELECT id, fail_after(id) AS y, repeat(CAST(id AS VARCHAR) || '-', 180) AS pad FROM range(40000)) "
        + "TO '" + target + "' (FORMAT csv)";
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession()) {
      S3.settings().forEach((k, v) -> s.execute("SET " + k + " = '" + v + "'").close());
      s.execute("SET batch_size = 500").close(); // small batches: the writers keep up with the UDF
      s.execute("CREATE FUNCTION fail_after AS 't.FailAfter' USING JAR '" + jar + "' WITH (after = 30000, "
          + "concurrency = 1)").close();

      int pending = failWhileWatchingUploads(s, copy, "udf-failure/");
      assertTrue(pending > 0, "the writers had multipart uploads open when the UDF failed");
      assertEquals(List.of(), keys("udf-failure/"), "no object under the target");
      assertEquals(0, pendingUploads("udf-failure/"), "no multipart upload left");

      // Over an existing output with OVERWRITE, the old objects stay exactly as they were.
      s.execute("COPY (SELECT id, id % 10 AS k FROM range(100)) TO '" + target + "' (FORMAT csv, PARTITION_BY (k))")
          .close();
      List<String> before = keys("udf-failure/");
      assertEquals(11, before.size(), before.toString());
      failWhileWatchingUploads(s, copy.replace("(FORMAT csv)", "(FORMAT csv, OVERWRITE true)"), "udf-failure/");
      assertEquals(before, keys("udf-failure/"));
      assertEquals(0, pendingUploads("udf-failure/"));
      assertEquals(4950L, ((Number) scalar(s, "SELECT SUM(id) FROM read_csv('" + target + "')")).longValue());
    }
  }

  private static Object scalar(Session s, String sql) {
    try (var r = s.execute(sql)) {
      var b = r.stream().next();
      try (b) {
        return b.getVector(0).getObject(0);
      }
    }
  }
}
