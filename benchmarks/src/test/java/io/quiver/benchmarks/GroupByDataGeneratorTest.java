package io.quiver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupByDataGeneratorTest {
  private static final long ROWS = 20_000;

  @TempDir Path dir;

  @Test
  void namesFilesLikeDbBenchmark() {
    assertEquals("G1_1e7_1e2_0_0.parquet", GroupByDataGenerator.fileName(10_000_000));
    assertEquals("G1_5e6_1e2_0_0.parquet", GroupByDataGenerator.fileName(5_000_000));
    assertEquals("G1_123456_1e2_0_0.parquet", GroupByDataGenerator.fileName(123_456));
  }

  @Test
  void writesTheColumnsWithTheirRangesAndSkipsAnExistingFile() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Path file = GroupByDataGenerator.ensure(duck, ROWS, dir);
      assertEquals(dir.resolve("G1_2e4_1e2_0_0.parquet").toAbsolutePath(), file);
      String row = query(duck, "SELECT count(*), count(DISTINCT id1), min(id1), max(id1), max(id2),"
          + " count(DISTINCT id3), min(id3), max(id3), min(id4), max(id4), max(id5), min(id6), max(id6),"
          + " min(v1), max(v1), min(v2), max(v2), min(v3) >= 0, max(v3) < 100,"
          + " bool_and(round(v3, 6) = v3), count(*) - count(v3) FROM read_parquet('" + file + "')");
      assertEquals("20000|100|id001|id100|id100|200|id0000000001|id0000000200|1|100|100|1|200|1|5|1|15"
          + "|true|true|true|0", row);
      assertEquals("id1:VARCHAR id2:VARCHAR id3:VARCHAR id4:INTEGER id5:INTEGER id6:INTEGER v1:INTEGER"
          + " v2:INTEGER v3:DOUBLE", query(duck, "SELECT string_agg(column_name || ':' || column_type, ' ')"
          + " FROM (DESCRIBE SELECT * FROM read_parquet('" + file + "'))"));

      FileTime written = Files.getLastModifiedTime(file);
      Thread.sleep(20);
      GroupByDataGenerator.ensure(duck, ROWS, dir);
      assertEquals(written, Files.getLastModifiedTime(file), "an existing complete file is kept");
    }
  }

  @Test
  void isDeterministicAndRewritesAFileWithTheWrongRowCount() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      String fingerprint = "SELECT sum(hash(id1, id2, id3, id4, id5, id6, v1, v2, v3)) FROM read_parquet('%s')";
      Path first = GroupByDataGenerator.ensure(duck, ROWS, dir);
      String expected = query(duck, String.format(fingerprint, first));
      Files.writeString(first, "not parquet");
      Path second = GroupByDataGenerator.ensure(duck, ROWS, dir);
      assertEquals(expected, query(duck, String.format(fingerprint, second)));
      assertTrue(Files.notExists(dir.resolve("G1_2e4_1e2_0_0.parquet.partial")));
    }
  }

  /** The first row of {@code sql}, columns joined by '|'. */
  static String query(Connection duck, String sql) throws Exception {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      StringBuilder row = new StringBuilder();
      for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
        row.append(c > 1 ? "|" : "").append(rs.getObject(c));
      }
      return row.toString();
    }
  }
}
