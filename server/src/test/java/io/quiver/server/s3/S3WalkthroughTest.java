package io.quiver.server.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.S3Fixture;
import io.quiver.executor.udf.JarClassLoaders;
import io.quiver.executor.udf.UdfJarCache;
import io.quiver.executor.udf.UdfClasses;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.TestRows;
import io.quiver.server.WalkthroughScript;
import io.quiver.server.cluster.ProcessCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The SPEC §1 walk-through with DATA and the UDF jar on {@code s3://} (an in-process s3proxy), S3
 * configured through SQL {@code SET}s: every statement runs, both COPY statements included (the SPEC's
 * {@code COPY preds TO 's3://bucket/mnist_preds' (FORMAT parquet, PARTITION_BY (label))} into a bucket
 * named 'bucket'), the per-label accuracy is the one the local walk-through ({@code WalkthroughTest})
 * checks, and the partitioned S3 output reads back whole; embedded and on a cluster of two worker
 * processes. Also: secrets never shown, errors naming the URI.
 */
class S3WalkthroughTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  static final String DATA = S3Fixture.uri("walk/mnist/50_per_index");
  static final String JAR = S3Fixture.uri("walk/jars/mnist-udfs.jar");
  /** The bucket and prefix of the SPEC's S3 COPY. */
  static final String SPEC_BUCKET = "bucket";
  static final String SPEC_TARGET = "s3://bucket/mnist_preds";

  @BeforeAll
  static void upload() {
    S3.uploadDirOnce(WalkthroughScript.DATA.resolve("mnist/50_per_index"), "walk/mnist/50_per_index/");
    S3.uploadFile(WalkthroughScript.ROOT.resolve("examples/mnist-udfs/target/mnist-udfs.jar"),
        "walk/jars/mnist-udfs.jar");
    if (S3.client().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(SPEC_BUCKET))) {
      S3.client().createBucket(b -> b.bucket(SPEC_BUCKET));
    }
  }

  /** The SETs that point a session at the fixture, as a user would type them. */
  static List<String> setStatements() {
    List<String> sets = new ArrayList<>();
    for (Map.Entry<String, String> e : S3.settings().entrySet()) {
      sets.add("SET " + e.getKey() + " = '" + e.getValue() + "'");
    }
    return sets;
  }

  /**
   * examples/walkthrough.sql with DATA and the jar on S3 (the model stays a local file the UDF opens), the
   * SPEC's S3 COPY included.
   */
  static List<String> statements() throws IOException {
    Path localData = WalkthroughScript.DATA.resolve("mnist/50_per_index");
    Path localJar = WalkthroughScript.ROOT.resolve("examples/mnist-udfs/target/mnist-udfs.jar");
    List<String> out = new ArrayList<>();
    for (String sql : WalkthroughScript.statements(true)) {
      String s3 = sql.replace("'" + localData + "'", "'" + DATA + "'").replace("'" + localJar + "'", "'" + JAR + "'");
      if (sql.contains("read_images") || sql.contains("USING JAR")) {
        assertFalse(s3.equals(sql), "the walk-through's paths were rewritten: " + sql);
      }
      out.add(s3);
    }
    assertEquals(2, out.stream().filter(sql -> sql.startsWith("COPY")).count(), out.toString());
    assertTrue(out.get(out.size() - 1).startsWith("COPY preds TO '" + SPEC_TARGET + "' (FORMAT parquet, PARTITION_BY (label))"),
        out.get(out.size() - 1));
    return out;
  }

  @Test
  void walkthroughWithDataAndJarOnS3GivesTheModelsAccuracy() throws IOException {
    try (QuiverEngine engine = new QuiverEngine()) {
      runWalkthrough(engine, false);
    }
  }

  /** The same on a cluster of two worker processes: they read S3 and run the UDFs; the COPY commits. */
  @Test
  void walkthroughWithDataAndJarOnS3OnACluster() throws Exception {
    try (QuiverEngine engine = new QuiverEngine(); ProcessCluster cluster = ProcessCluster.start(engine, 2)) {
      runWalkthrough(engine, true);
      assertEquals(2, cluster.membership().live().size(), "no worker was lost");
    }
  }

  private static void clearSpecTarget() {
    // The SPEC's COPY has no OVERWRITE: clear what an earlier walk-through in this JVM wrote there.
    List<ObjectIdentifier> old = S3.client()
        .listObjectsV2Paginator(l -> l.bucket(SPEC_BUCKET).prefix("mnist_preds/")).contents().stream()
        .map(o -> ObjectIdentifier.builder().key(o.key()).build())
        .toList();
    if (!old.isEmpty()) {
      S3.client().deleteObjects(b -> b.bucket(SPEC_BUCKET).delete(d -> d.objects(old)));
    }
  }

  private static void runWalkthrough(QuiverEngine engine, boolean onCluster) throws IOException {
    clearSpecTarget();
    List<Double> accuracy = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    List<Long> copied = new ArrayList<>();
    try (Session session = engine.newSession()) {
      setStatements().forEach(sql -> session.execute(sql).close());
      for (String sql : statements()) {
        try (StatementResult r = session.execute(sql)) {
          if (sql.startsWith("COPY")) {
            copied.add(r.updateCount());
          }
          if (!r.hasRows()) {
            continue;
          }
          VectorSchemaRoot b;
          while ((b = r.stream().next()) != null) {
            try (VectorSchemaRoot batch = b) {
              if (sql.contains("AS accuracy")) {
                FieldVector acc = batch.getVector("accuracy");
                for (int i = 0; i < batch.getRowCount(); i++) {
                  accuracy.add(((Number) acc.getObject(i)).doubleValue());
                }
              }
              if (sql.startsWith("SELECT * FROM read_images")) {
                FieldVector path = batch.getVector("path");
                for (int i = 0; i < batch.getRowCount(); i++) {
                  paths.add(path.getObject(i).toString());
                }
              }
            }
          }
        }
      }
      assertEquals(List.of(500L, 500L), copied, "both COPY statements write every prediction");
      checkSpecS3Copy(session, onCluster);
    }
    assertEquals(10, accuracy.size());
    for (int label = 0; label < 10; label++) {
      assertEquals(WalkthroughScript.ACCURACY[label], accuracy.get(label), 1e-9, "accuracy of label " + label);
    }
    assertFalse(paths.isEmpty());
    paths.forEach(p -> assertTrue(p.startsWith(DATA + "/"), p));
  }

  /**
   * The S3 COPY's output: a folder per label and a manifest, and the 500 predictions read back; on a
   * cluster the files were written by the workers' tasks (their names carry the task: {@code -t1-}).
   */
  private static void checkSpecS3Copy(Session session, boolean onCluster) {
    List<String> top = new ArrayList<>();
    java.util.Set<String> tasks = new java.util.TreeSet<>();
    for (var o : S3.client().listObjectsV2Paginator(b -> b.bucket(SPEC_BUCKET).prefix("mnist_preds/")).contents()) {
      String rel = o.key().substring("mnist_preds/".length());
      java.util.regex.Matcher task = java.util.regex.Pattern.compile("/part-[0-9a-f]{8}-(t\\d+)-").matcher(rel);
      if (task.find()) {
        tasks.add(task.group(1));
      }
      String first = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
      if (!top.contains(first)) {
        top.add(first);
      }
    }
    top.sort(null);
    assertEquals(List.of("_SUCCESS", "label=0", "label=1", "label=2", "label=3", "label=4", "label=5", "label=6",
        "label=7", "label=8", "label=9"), top);
    assertEquals(0, S3.client().listMultipartUploads(b -> b.bucket(SPEC_BUCKET)).uploads().size());
    if (onCluster) {
      assertTrue(tasks.size() >= 2, "the workers' tasks wrote the files: " + tasks);
    } else {
      assertEquals(java.util.Set.of(), tasks, "embedded, the coordinator writes");
    }
    assertEquals(TestRows.quiver(session, "SELECT path, predicted_label FROM preds"),
        TestRows.quiver(session, "SELECT * FROM read_parquet('" + SPEC_TARGET + "')"));
    for (int label = 0; label < 10; label++) {
      assertEquals(TestRows.quiver(session, "SELECT path, predicted_label FROM preds WHERE label = " + label),
          TestRows.quiver(session, "SELECT * FROM read_parquet('" + SPEC_TARGET + "/label=" + label + "')"));
    }
    assertEquals(List.of("[500]"), TestRows.quiver(session, "SELECT COUNT(*) FROM read_parquet('" + SPEC_TARGET + "')"));
  }

  @Test
  void secretsAreNeverShownAndErrorsNameTheUri() {
    try (QuiverEngine engine = new QuiverEngine(); Session session = engine.newSession()) {
      setStatements().forEach(sql -> {
        try (StatementResult r = session.execute(sql)) {
          assertFalse(String.valueOf(r.message()).contains(S3Fixture.SECRET_KEY), r.message());
        }
      });
      String settings = text(session, "SHOW SETTINGS");
      assertTrue(settings.contains("s3_endpoint") && settings.contains(S3.endpoint()), settings);
      assertFalse(settings.contains(S3Fixture.SECRET_KEY), settings);

      QuiverException bucket = assertThrows(QuiverException.class,
          () -> session.execute("SELECT * FROM read_images('s3://no-such-bucket/mnist')").close());
      assertTrue(bucket.getMessage().contains("'s3://no-such-bucket/mnist'")
          && bucket.getMessage().contains("does not exist"), bucket.getMessage());
      QuiverException jar = assertThrows(QuiverException.class, () -> session.execute(
          "CREATE FUNCTION f AS 'example.Normalize' USING JAR '" + S3Fixture.uri("walk/no.jar") + "'").close());
      assertTrue(jar.getMessage().contains(S3Fixture.uri("walk/no.jar")), jar.getMessage());

      session.execute("SET s3_secret_access_key = 'not-the-right-secret-123'").close();
      QuiverException denied = assertThrows(QuiverException.class,
          () -> session.execute("SELECT COUNT(*) FROM read_parquet('" + S3Fixture.uri("walk/") + "')").close());
      assertTrue(denied.getMessage().contains("rejected the credentials"), denied.getMessage());
      assertFalse(denied.getMessage().contains("not-the-right-secret-123"), denied.getMessage());
      assertThrows(QuiverException.class, () -> session.execute("SET s3_max_attempts = 0").close());
    }
  }

  @Test
  void loadJarFromS3AndOneLoaderPerJarContent() {
    try (QuiverEngine engine = new QuiverEngine(); Session session = engine.newSession()) {
      setStatements().forEach(sql -> session.execute(sql).close());
      try (StatementResult r = session.execute("LOAD JAR '" + JAR + "'")) {
        assertTrue(r.message().startsWith("Loaded ") && r.message().contains(JAR), r.message());
      }
    }
    Path cached = Path.of(UdfClasses.resolveJar(JAR, S3.settings()));
    assertTrue(cached.startsWith(UdfJarCache.cacheDir()), cached.toString());
    assertSame(JarClassLoaders.forJar(cached.toString()), JarClassLoaders.forJar(
        WalkthroughScript.ROOT.resolve("examples/mnist-udfs/target/mnist-udfs.jar").toString()),
        "the downloaded copy and the local jar have the same content, so one class loader");
  }

  private static String text(Session session, String sql) {
    StringBuilder out = new StringBuilder();
    try (StatementResult r = session.execute(sql)) {
      VectorSchemaRoot b;
      while ((b = r.stream().next()) != null) {
        try (VectorSchemaRoot batch = b) {
          out.append(batch.contentToTSVString());
        }
      }
    }
    return out.toString();
  }
}
