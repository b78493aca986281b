package io.quiver.server.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.udf.JarClassLoaders;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java UDFs end to end through SQL, with jars compiled by the test. */
class UdfSqlTest {
  @TempDir
  static Path dir;
  static Path jar;
  static Path images;
  static String badImage;

  private QuiverEngine engine;
  private Session s;

  @BeforeAll
  static void buildJarAndImages() throws Exception {
    jar = TestJars.build(dir, "test-udfs.jar", TestUdfSources.all(), TestUdfSources.services());
    images = dir.resolve("images");
    java.nio.file.Files.createDirectories(images);
    for (int i = 0; i < 12; i++) {
      BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
      img.getRaster().setSample(0, 0, 0, i == 7 ? 255 : i);
      Path f = images.resolve(String.format("img_%02d.png", i));
      ImageIO.write(img, "png", f.toFile());
      if (i == 7) {
        badImage = f.toString();
      }
    }
  }

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    s = engine.newSession();
  }

  @AfterEach
  void close() {
    s.close();
    engine.close();
  }

  private List<List<Object>> rows(String sql) {
    List<List<Object>> out = new ArrayList<>();
    try (StatementResult r = s.execute(sql)) {
      if (r.stream() == null) {
        return List.of(List.of(r.message()));
      }
      VectorSchemaRoot b;
      while ((b = r.stream().next()) != null) {
        try (VectorSchemaRoot batch = b) {
          for (int i = 0; i < batch.getRowCount(); i++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              Object o = v.getObject(i);
              row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
            }
            out.add(row);
          }
        }
      }
    }
    return out;
  }

  private void run(String sql) {
    rows(sql);
  }

  private String text(String sql) {
    StringBuilder sb = new StringBuilder();
    for (List<Object> r : rows(sql)) {
      sb.append(r).append('\n');
    }
    return sb.toString();
  }

  private static AtomicInteger counter(String className, String field) throws Exception {
    return (AtomicInteger) JarClassLoaders.forJar(jar.toString()).loadClass(className).getField(field).get(null);
  }

  private String create(String name, String cls, String with) {
    return "CREATE OR REPLACE FUNCTION " + name + " AS '" + cls + "' USING JAR '" + jar + "'"
        + (with.isEmpty() ? "" : " WITH (" + with + ")");
  }

  @Test
  void poolRunsInOrderOpensOncePerActorAndShowsInExplain() throws Exception {
    counter("t.Twice", "OPENS").set(0);
    counter("t.Twice", "MAX_RUNNING").set(0);
    run(create("twice", "t.Twice", "concurrency = 2, batch_size = 7, sleep_ms = 2"));
    List<List<Object>> r = rows("SELECT id, twice(id) AS t FROM range(100)");
    assertEquals(100, r.size());
    for (int i = 0; i < 100; i++) {
      assertEquals(List.of((long) i, 2L * i), r.get(i), "input order is kept");
    }
    assertTrue(counter("t.Twice", "OPENS").get() <= 2, "opened once per actor");
    assertTrue(counter("t.Twice", "MAX_RUNNING").get() <= 2);
    String plan = text("EXPLAIN SELECT twice(twice(id)) FROM range(10)");
    assertEquals(2, plan.split("ActorPool twice\\(").length - 1, plan);
    assertTrue(plan.contains("concurrency=2") && plan.contains("batch_size=7"), plan);
    String analyzed = text("EXPLAIN ANALYZE SELECT twice(twice(id)) AS q FROM range(50)");
    assertTrue(analyzed.contains("pool: actors="), analyzed);
    assertTrue(analyzed.contains("rows=50"), analyzed);
    assertEquals(List.of(List.of(400L)), rows("SELECT twice(twice(id)) FROM range(101) WHERE id = 100"));
    assertEquals(List.of(List.of(3L)), rows("SELECT COUNT(*) FROM range(10) WHERE twice(id) > 12"));
    // Stopping early closes the pool cleanly (no leak, no hang).
    assertEquals(3, rows("SELECT twice(id) FROM range(1000000) WHERE id % 2 = 0 LIMIT 3").size());
  }

  @Test
  void statelessCallsRunInsideTheParallelReadersPoolsAbove() {
    run("SET threads = 2");
    run(create("norm", "t.Norm", ""));
    run(create("who", "t.Who", "concurrency = 1"));
    List<String> plan = rows("EXPLAIN SELECT who(norm(image)) AS w FROM read_images('" + images + "')").stream()
        .map(r -> (String) r.get(0)).toList();
    int pool = indexOf(plan, "ActorPool who(");
    int gather = indexOf(plan, "Gather");
    int udf = indexOf(plan, "Udf norm(");
    assertTrue(pool >= 0 && pool < gather && gather < udf, String.join("\n", plan));
    assertEquals(12, rows("SELECT who(norm(image)) AS w FROM read_images('" + images + "')").size());
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void describeShowAndDrop() {
    run(create("norm", "t.Norm", ""));
    String d = text("DESCRIBE SELECT norm(image) AS image FROM read_images('" + images + "')");
    assertTrue(d.contains("TENSOR<FLOAT>[1,8,8]"), d);
    run(create("twice", "t.Twice", "concurrency = '1..3', num_cpus = 0.5, model = 'm.pt'"));
    String show = text("SHOW FUNCTIONS");
    assertTrue(show.contains("norm, batch, t.Norm, " + jar + ", TENSOR<FLOAT>[1,28,28], stateless"), show);
    assertTrue(show.contains("concurrency=1..3 num_cpus=0.5 options(model=m.pt)"), show);
    run("DROP FUNCTION norm");
    assertTrue(!text("SHOW FUNCTIONS").contains("norm"));
    QuiverException e = assertThrows(QuiverException.class, () -> run("DROP FUNCTION norm"));
    assertTrue(e.getMessage().contains("'norm' does not exist"), e.getMessage());
    run("DROP FUNCTION IF EXISTS norm");
    QuiverException gone = assertThrows(QuiverException.class, () -> run("SELECT norm(1)"));
    assertTrue(gone.getMessage().toLowerCase().contains("norm"), gone.getMessage());
  }

  @Test
  void errorsAtCreateTime() {
    // An S3 endpoint on the machine where nothing listens: the jar cannot be fetched (and nothing leaves it).
    for (String set : List.of("s3_endpoint = 'http://127.0.0.1:9'", "s3_access_key_id = 'k'",
        "s3_secret_access_key = 'secret-key'", "s3_max_attempts = 1")) {
      run("SET " + set);
    }
    Map<String, String> cases = Map.of(
        "CREATE FUNCTION f AS 't.Twice' USING JAR 'no/such.jar'", "no/such.jar' not found",
        "CREATE FUNCTION f AS 't.Twise' USING JAR '" + jar + "'", "did you mean 't.Twice'",
        "CREATE FUNCTION f AS 't.NotAUdf' USING JAR '" + jar + "'", "is not a UDF",
        "CREATE FUNCTION f AS 't.NoCtor' USING JAR '" + jar + "'", "no public constructor without arguments",
        "CREATE FUNCTION f AS 't.Twice' USING JAR '" + jar + "' WITH (concurrency = '3..1')", "option 'concurrency'",
        "CREATE FUNCTION f AS 't.Twice' USING JAR 's3://bucket/u.jar'", "UDF jar 's3://bucket/u.jar' cannot be read",
        "CREATE FUNCTION strpos AS 't.Twice' USING JAR '" + jar + "'", "built-in function");
    cases.forEach((sql, expected) -> {
      QuiverException e = assertThrows(QuiverException.class, () -> run(sql), sql);
      assertTrue(e.getMessage().contains(expected), sql + " -> " + e.getMessage());
    });
    run(create("f", "t.Twice", ""));
    QuiverException dup = assertThrows(QuiverException.class,
        () -> run("CREATE FUNCTION f AS 't.Twice' USING JAR '" + jar + "'"));
    assertTrue(dup.getMessage().contains("CREATE OR REPLACE FUNCTION"), dup.getMessage());
  }

  @Test
  void jarWithConflictingDependencyUsesItsOwnCopy() {
    run(create("who", "t.Who", ""));
    assertEquals(List.of(List.of("bundled-slf4j:true")), rows("SELECT who(id) FROM range(1)"));
  }

  @Test
  void failingFileIsNamedOrSkipped() {
    run("SET batch_size = 1"); // one file per split, so a failing batch is exactly one file
    run(create("norm", "t.Norm", "strict = true, concurrency = 1"));
    QuiverException e = assertThrows(QuiverException.class,
        () -> run("SELECT norm(image) FROM read_images('" + images + "')"));
    assertTrue(e.getMessage().contains("norm") && e.getMessage().contains(badImage)
        && e.getMessage().contains("saturated image"), e.getMessage());
    run(create("norm", "t.Norm", "strict = true, concurrency = 1, on_error = 'skip'"));
    assertEquals(List.of(List.of(11L)), rows("SELECT COUNT(n) FROM (SELECT norm(image) AS n FROM read_images('"
        + images + "'))"));
    run(create("norm", "t.Norm", "strict = true, on_error = 'null'"));
    assertEquals(List.of(List.of(12L, 11L)), rows("SELECT COUNT(*), COUNT(n) FROM (SELECT norm(image) AS n FROM read_images('"
        + images + "'))"));
  }

  @Test
  void gpuSettingMakesAGpuPoolPlaceable() {
    run("SET gpus = 2");
    run(create("twice", "t.Twice", "num_gpus = 1, concurrency = 2"));
    assertEquals(List.of(List.of(18L)), rows("SELECT twice(id) FROM range(10) WHERE id = 9"));
    run("SET resources = 'tpu:1'");
    run(create("twice", "t.Twice", "resources = 'tpu:1'"));
    assertEquals(10, rows("SELECT twice(id) FROM range(10)").size());
  }

  @Test
  void unplaceablePoolFailsAtOnce() {
    run(create("twice", "t.Twice", "num_gpus = 2"));
    long start = System.nanoTime();
    QuiverException e = assertThrows(QuiverException.class, () -> run("SELECT twice(id) FROM range(10)"));
    assertTrue(System.nanoTime() - start < 2_000_000_000L);
    assertTrue(e.getMessage().contains("twice") && e.getMessage().contains("no GPUs"), e.getMessage());
  }

  @Test
  void loadJarAndUserAggregate() {
    String msg = text("LOAD JAR '" + jar + "'");
    assertTrue(msg.contains("twice") && msg.contains("norm") && msg.contains("my_sum"), msg);
    assertEquals(List.of(List.of(1, 15L), List.of(2, 7L)),
        rows("SELECT k, my_sum(v) FROM (VALUES (1, 10), (1, 5), (2, 7)) AS t(k, v) GROUP BY k ORDER BY k"));
    assertEquals(List.of(List.of(4950L)), rows("SELECT my_sum(id) FROM range(100)"));
    assertEquals(List.of(List.of(9900L)), rows("SELECT my_sum(twice(id)) FROM range(100)"));
  }
}
