package io.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY end to end: every type back through read_parquet, and DuckDB reading what COPY wrote. */
class CopyTest {
  private static final String IMAGES = WalkthroughScript.DATA.resolve("mnist/50_per_index").toString();

  /** A query with every type COPY preserves, tensors included. */
  private static final String ALL_TYPES = "SELECT CAST(id AS TINYINT) AS i8, CAST(id * 300 AS SMALLINT) AS i16, "
      + "CAST(id * 100000 AS INT) AS i32, id * 10000000000 AS i64, CAST(id AS REAL) / 4 AS f32, "
      + "CAST(id AS DOUBLE) / 8 AS f64, id % 2 = 0 AS b, CASE WHEN id % 4 = 3 THEN NULL ELSE 'v' || CAST(id AS VARCHAR) END AS s, "
      + "CAST('2024-02-' || CAST(id + 10 AS VARCHAR) AS DATE) AS d, "
      + "CAST('2024-02-28 12:00:' || CAST(id + 10 AS VARCHAR) || '.123456' AS TIMESTAMP) AS ts FROM range(20)";

  @TempDir Path tmp;
  private QuiverEngine engine;
  private Session s;

  @BeforeEach
  void open() {
    engine = new QuiverEngine();
    s = engine.newSession();
  }

  @AfterEach
  void close() {
    s.close();
    assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
    engine.close();
  }

  private List<String> rows(String sql) {
    return TestRows.quiver(s, sql);
  }


  private long update(String sql) {
    try (StatementResult r = s.execute(sql)) {
      return r.updateCount();
    }
  }

  private List<String> describe(String sql) {
    return rows("DESCRIBE " + sql);
  }

  /** Every path under {@code dir} (hidden files too), relative, sorted. */
  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> w = Files.walk(dir)) {
      return w.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void everyTypeAndTensorsRoundTripThroughReadParquet() {
    String out = tmp.resolve("all").toString();
    assertEquals(20, update("COPY (" + ALL_TYPES + ") TO '" + out + "' (FORMAT parquet, COMPRESSION 'zstd')"));
    assertEquals(rows(ALL_TYPES), rows("SELECT * FROM read_parquet('" + out + "')"));
    assertEquals(describe(ALL_TYPES), describe("SELECT * FROM read_parquet('" + out + "')"));

    String images = "SELECT * FROM read_images('" + IMAGES + "/3', include_paths => true)";
    String imgOut = tmp.resolve("images.parquet").toString();
    assertEquals(50, update("COPY (" + images + ") TO '" + imgOut + "'"));
    assertEquals(describe(images), describe("SELECT * FROM read_parquet('" + imgOut + "')"));
    assertEquals(rows(images), rows("SELECT * FROM read_parquet('" + imgOut + "')"));
  }

  @Test
  void walkthroughLocalCopyAndTableForm() throws IOException {
    s.execute("CREATE TABLE preds AS SELECT path, CAST(split_part(path, '/', -2) AS INT) AS label "
        + "FROM read_images('" + IMAGES + "', include_paths => true)").close();
    Path out = tmp.resolve("out/mnist_preds");
    assertEquals(500, update("COPY (SELECT * FROM preds) TO '" + out + "' (FORMAT parquet)"));
    assertEquals(rows("SELECT * FROM preds"), rows("SELECT * FROM read_parquet('" + out + "')"));
    Path parts = tmp.resolve("mnist_by_label");
    assertEquals(500, update("COPY preds TO '" + parts + "' (FORMAT parquet, PARTITION_BY (label))"));
    List<String> top = tree(parts).stream().filter(p -> !p.contains("/")).toList();
    assertEquals(11, top.size(), top.toString()); // label=0..9 and _SUCCESS
    assertTrue(top.contains("label=7") && top.contains("_SUCCESS"), top.toString());
  }

  @Test
  void duckDbReadsWhatCopyWrote() throws Exception {
    Path flat = tmp.resolve("flat");
    update("COPY (" + ALL_TYPES + ") TO '" + flat + "' (FORMAT parquet)");
    Path parts = tmp.resolve("parts");
    update("COPY (SELECT CAST(id % 3 AS INT) AS k, CASE WHEN id = 4 THEN NULL ELSE 'a/b ' || CAST(id % 2 AS VARCHAR) END AS g, "
        + "id, 'x' || CAST(id AS VARCHAR) AS name FROM range(30)) TO '" + parts + "' (FORMAT parquet, PARTITION_BY (k, g), COMPRESSION 'zstd')");
    Path images = tmp.resolve("images");
    update("COPY (SELECT * FROM read_images('" + IMAGES + "/5', include_paths => true)) TO '" + images + "'");

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      assertEquals(List.of("20"), duck(duck, "SELECT COUNT(*) FROM read_parquet('" + flat + "/*.parquet')"));
      assertEquals(List.of("[3, 900, 300000, 30000000000, 0.75, 0.375, false, null, 2024-02-13, 2024-02-28 12:00:13.123456]"),
          duck(duck, "SELECT i8, i16, i32, i64, f32, f64, b, s, d, ts FROM read_parquet('" + flat + "/*.parquet') WHERE i8 = 3"));
      assertEquals(List.of("b BOOLEAN", "d DATE", "f32 FLOAT", "f64 DOUBLE", "i16 SMALLINT", "i32 INTEGER", "i64 BIGINT",
          "i8 TINYINT", "s VARCHAR", "ts TIMESTAMP"), duck(duck, "SELECT column_name || ' ' || column_type FROM "
          + "(DESCRIBE SELECT * FROM read_parquet('" + flat + "/*.parquet'))"));

      List<String> quiver = rows("SELECT CAST(id % 3 AS INT) AS k, CASE WHEN id = 4 THEN NULL ELSE 'a/b ' || CAST(id % 2 AS VARCHAR) END AS g, "
          + "id, 'x' || CAST(id AS VARCHAR) AS name FROM range(30)");
      List<String> fromDuck = duck(duck, "SELECT CAST(k AS INTEGER), g, id, name FROM read_parquet('" + parts
          + "/**/*.parquet', hive_partitioning = true)");
      assertEquals(quiver, fromDuck);

      assertEquals(List.of("image UTINYINT[]", "path VARCHAR"),
          duck(duck, "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + images + "/*.parquet'))"));
      assertEquals(List.of("50"), duck(duck, "SELECT COUNT(*) FROM read_parquet('" + images + "/*.parquet') WHERE len(image) = 784"));
      assertEquals(rows("SELECT path FROM read_images('" + IMAGES + "/5', include_paths => true)"),
          duck(duck, "SELECT path FROM read_parquet('" + images + "/*.parquet')").stream().map(p -> "[" + p + "]").sorted().toList());
    }
  }

  private static List<String> duck(Connection c, String sql) throws SQLException {
    return TestRows.duck(c, sql);
  }

  @Test
  void failingQueryLeavesTargetAbsentAndNoStaging() throws IOException {
    Path parent = Files.createDirectories(tmp.resolve("parent"));
    Path out = parent.resolve("out");
    update("SET batch_size = 64");
    QuiverException e = assertThrows(QuiverException.class, () -> s.execute(
        "COPY (SELECT id, 100 / (id - 5000) AS y FROM range(10000)) TO '" + out + "' (FORMAT parquet)").close());
    assertTrue(e.getMessage().toLowerCase().contains("zero"), e.getMessage());
    assertEquals(List.of(), tree(parent));

    // OVERWRITE that fails keeps the old content exactly.
    update("COPY (SELECT id FROM range(5)) TO '" + out + "' (FORMAT parquet)");
    List<String> before = tree(parent);
    assertThrows(QuiverException.class, () -> s.execute("COPY (SELECT id, 100 / (id - 5000) AS y FROM range(10000)) TO '"
        + out + "' (FORMAT parquet, OVERWRITE true, PARTITION_BY (y))").close());
    assertEquals(before, tree(parent));
    assertEquals(5, rows("SELECT * FROM read_parquet('" + out + "')").size());
  }
}
