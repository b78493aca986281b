package io.quiver.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes the db-benchmark (h2oai) groupby dataset {@code G1_<N>_1e2_0_0} to Parquet, using DuckDB.
 *
 * <p>Columns, as in the original generator: {@code id1}, {@code id2} = {@code 'id%03d'} of a random
 * 1..K; {@code id3} = {@code 'id%010d'} of a random 1..N/K; {@code id4}, {@code id5} = INTEGER 1..K;
 * {@code id6} = INTEGER 1..N/K; {@code v1} = INTEGER 1..5; {@code v2} = INTEGER 1..15; {@code v3} =
 * DOUBLE uniform in [0, 100) rounded to 6 decimals. K = 100, no NULLs, unsorted.
 *
 * <p>Randomness is hash-based ({@code hash(i * 16 + column)} over {@code range(N)}) rather than
 * {@code random()}, because DuckDB's {@code random()} is per-thread and so not reproducible under
 * parallelism; the same DuckDB version therefore always writes the same file. The values differ from
 * R's {@code sample()} but follow the same distributions, which is what the queries' cost depends on.
 */
public final class GroupByDataGenerator {
  /** The number of groups of the low-cardinality keys (the {@code 1e2} in the dataset name). */
  public static final int K = 100;

  private static final long ROW_GROUP_SIZE = 1_000_000;

  private GroupByDataGenerator() {}

  /** The db-benchmark file name for {@code rows} rows, e.g. {@code G1_1e7_1e2_0_0.parquet}. */
  public static String fileName(long rows) {
    return "G1_" + shortNumber(rows) + "_1e2_0_0.parquet";
  }

  /** {@code 10000000} -> {@code 1e7}, {@code 5000000} -> {@code 5e6}, anything else unchanged. */
  static String shortNumber(long n) {
    BigDecimal d = BigDecimal.valueOf(n).stripTrailingZeros();
    if (n >= 10 && d.precision() == 1) {
      return d.unscaledValue() + "e" + (-d.scale());
    }
    return Long.toString(n);
  }

  /** The DuckDB statement that writes {@code rows} rows to {@code target}. */
  public static String copySql(long rows, Path target) {
    long idsPerK = Math.max(1, rows / K);
    return "COPY (SELECT "
        + "printf('id%03d', " + pick(1, K) + ") AS id1, "
        + "printf('id%03d', " + pick(2, K) + ") AS id2, "
        + "printf('id%010d', " + pick(3, idsPerK) + ") AS id3, "
        + "CAST(" + pick(4, K) + " AS INTEGER) AS id4, "
        + "CAST(" + pick(5, K) + " AS INTEGER) AS id5, "
        + "CAST(" + pick(6, idsPerK) + " AS INTEGER) AS id6, "
        + "CAST(" + pick(7, 5) + " AS INTEGER) AS v1, "
        + "CAST(" + pick(8, 15) + " AS INTEGER) AS v2, "
        // the top 53 bits of the hash as a double in [0, 1)
        + "round(CAST(hash(i * 16 + 9) >> 11 AS DOUBLE) / 9007199254740992.0 * 100, 6) AS v3 "
        + "FROM range(" + rows + ") t(i)) TO " + quote(target.toString())
        + " (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE " + ROW_GROUP_SIZE + ")";
  }

  /** A uniform integer in 1..n for column number {@code column} of row {@code i}. */
  private static String pick(int column, long n) {
    return "(hash(i * 16 + " + column + ") % " + n + " + 1)";
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /**
   * The dataset for {@code rows} rows in {@code dir}: generated unless a readable file with exactly that
   * many rows is already there. Writes to a temporary name first, so an interrupted run leaves no file
   * that looks complete.
   */
  public static Path ensure(Connection duck, long rows, Path dir) throws SQLException {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be positive, got " + rows);
    }
    Path target = dir.toAbsolutePath().resolve(fileName(rows));
    if (Files.exists(target) && rowCount(duck, target) == rows) {
      return target;
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(partial);
      try (Statement st = duck.createStatement()) {
        st.execute(copySql(rows, partial));
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    return target;
  }

  /** The row count from the file's metadata, or -1 if DuckDB cannot read it. */
  static long rowCount(Connection duck, Path file) {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + quote(file.toString()) + ")")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** Generates the file on its own: {@code [--rows N] [--data DIR]}. */
  public static void main(String[] args) throws SQLException {
    BenchmarkArgs a = BenchmarkArgs.parse(args);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      long start = System.nanoTime();
      Path file = ensure(duck, a.rows(), a.dataDir());
      System.out.printf("%s (%d rows) ready in %.1f s%n", file, a.rows(), (System.nanoTime() - start) / 1e9);
    }
  }
}
