package io.quiver.benchmarks;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of the groupby benchmark: {@code --rows N} (default 1e7; {@code 1e6} and
 * {@code 1000000} both work), {@code --data DIR} (default {@code benchmarks/data}), {@code --queries
 * q1,q3} (default all), {@code --runs R} (timed runs per engine, default 3), {@code --duckdb-results
 * arrow|jdbc} (how DuckDB hands over its result: Arrow batches, the default, or JDBC rows).
 */
public record BenchmarkArgs(long rows, Path dataDir, List<String> queries, int runs, boolean duckDbJdbcRows) {
  static final String USAGE = "usage: GroupByBenchmark [--rows N] [--data DIR] [--queries q1,q3,...]"
      + " [--runs R] [--duckdb-results arrow|jdbc]";

  /** Parses {@code args}; throws {@link IllegalArgumentException} with the usage on a bad option. */
  public static BenchmarkArgs parse(String[] args) {
    long rows = 10_000_000L;
    Path data = defaultDataDir();
    List<String> queries = List.of();
    int runs = 3;
    boolean jdbcRows = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("-h") || option.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + option + "\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--rows":
          rows = parseCount(option, value);
          break;
        case "--data":
          data = Path.of(value);
          break;
        case "--queries":
          queries = new ArrayList<>();
          for (String q : value.split(",")) {
            if (!q.isBlank()) {
              queries.add(q.trim().toLowerCase());
            }
          }
          break;
        case "--runs":
          runs = (int) parseCount(option, value);
          break;
        case "--duckdb-results":
          if (!value.equals("arrow") && !value.equals("jdbc")) {
            throw new IllegalArgumentException("--duckdb-results is arrow or jdbc, got '" + value + "'");
          }
          jdbcRows = value.equals("jdbc");
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    return new BenchmarkArgs(rows, data, List.copyOf(queries), runs, jdbcRows);
  }

  /** A positive whole number, in plain or scientific notation. */
  static long parseCount(String option, String value) {
    try {
      long n = new BigDecimal(value.replace("_", "")).longValueExact();
      if (n < 1) {
        throw new IllegalArgumentException(option + " must be at least 1, got " + value);
      }
      return n;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
    }
  }

  /** {@code benchmarks/data} from the repository root, or {@code data} from inside benchmarks/. */
  static Path defaultDataDir() {
    return Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "data") : Path.of("data");
  }
}
