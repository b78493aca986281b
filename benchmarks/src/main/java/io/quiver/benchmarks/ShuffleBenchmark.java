package io.quiver.benchmarks;

import io.quiver.executor.runtime.SpillFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Issue 5's row shuffle benchmark: the groupby dataset materialized into a table
 * ({@code CREATE TABLE t AS SELECT * FROM read_parquet(file)}), then {@code SELECT * FROM t ORDER BY
 * RANDOM()} read to the last row, in DuckDB (JDBC, in-memory, {@code threads = 2}, results as Arrow
 * batches) and in Quiver (embedded, {@code threads = 2}), taking turns, in one JVM. Prints the median
 * times and the ratio Quiver / DuckDB (target at most 2.0). Then, separately, Quiver again with a
 * {@code memory_limit} smaller than the table, so that both the table and the shuffle spill.
 *
 * <p>Options: {@code --rows N} (default 1e7), {@code --data DIR}, {@code --runs R} (timed runs per
 * engine, default 3), {@code --spill-limit SIZE} (the smaller budget, default {@code 256m}).
 */
public final class ShuffleBenchmark {
  private static final String TABLE = "shuffle_t";
  private static final String QUERY = "SELECT * FROM " + TABLE + " ORDER BY RANDOM()";

  private ShuffleBenchmark() {}

  private record Options(long rows, Path dataDir, int runs, String spillLimit) {
    static Options parse(String[] args) {
      long rows = 10_000_000L;
      Path data = BenchmarkArgs.defaultDataDir();
      int runs = 3;
      String spillLimit = "256m";
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + args[i]
              + "\nusage: ShuffleBenchmark [--rows N] [--data DIR] [--runs R] [--spill-limit SIZE]");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--rows":
            rows = BenchmarkArgs.parseCount(args[i], value);
            break;
          case "--data":
            data = Path.of(value);
            break;
          case "--runs":
            runs = (int) BenchmarkArgs.parseCount(args[i], value);
            break;
          case "--spill-limit":
            spillLimit = value;
            break;
          default:
            throw new IllegalArgumentException("unknown option " + args[i]
                + "\nusage: ShuffleBenchmark [--rows N] [--data DIR] [--runs R] [--spill-limit SIZE]");
        }
      }
      return new Options(rows, data, runs, spillLimit);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String create;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = duck.createStatement()) {
        st.execute("SET threads = 2");
      }
      Path file = GroupByDataGenerator.ensure(duck, options.rows(), options.dataDir());
      create = "CREATE TABLE " + TABLE + " AS SELECT * FROM read_parquet("
          + GroupByDataGenerator.quote(file.toAbsolutePath().toString()) + ")";
      System.out.printf("ORDER BY RANDOM() over %s (%d rows) materialized as a table; DuckDB %s (JDBC, in-memory,"
              + " threads=2, Arrow results) vs Quiver (embedded, threads=2); Java %s, %d cores, max heap %d MB%n",
          file, options.rows(), duckVersion(duck), System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
      compare(duck, create, options);
    }
    spilling(create, options);
  }

  /** Both engines, same table, turns; medians and the ratio. */
  private static void compare(Connection duck, String create, Options options) throws Exception {
    List<Double> duckTimes = new ArrayList<>();
    List<Double> quiverTimes = new ArrayList<>();
    try (DuckDbRunner duckRunner = new DuckDbRunner(duck, false); QuiverRunner quiver = new QuiverRunner()) {
      double duckCreate = time(() -> {
        try (Statement st = duck.createStatement()) {
          st.execute(create);
        }
      });
      quiver.execute("SET threads = 2");
      double quiverCreate = time(() -> quiver.execute(create));
      System.out.printf("CREATE TABLE: DuckDB %.2f s, Quiver %.2f s%n", duckCreate, quiverCreate);
      // one untimed warm-up each, then timed runs taking turns
      check(duckRunner.run(QUERY, null), options.rows(), "DuckDB");
      check(quiver.run(QUERY, null), options.rows(), "Quiver");
      for (int r = 0; r < options.runs(); r++) {
        duckTimes.add(timeRun(duckRunner, options.rows()));
        quiverTimes.add(timeRun(quiver, options.rows()));
      }
      quiver.execute("DROP TABLE " + TABLE);
      try (Statement st = duck.createStatement()) {
        st.execute("DROP TABLE " + TABLE);
      }
    }
    double d = median(duckTimes);
    double q = median(quiverTimes);
    System.out.printf(Locale.ROOT, "DuckDB ORDER BY RANDOM(): %.2f s (median of %d; runs %s)%n", d, duckTimes.size(),
        format(duckTimes));
    System.out.printf(Locale.ROOT, "Quiver ORDER BY RANDOM(): %.2f s (median of %d; runs %s)%n", q, quiverTimes.size(),
        format(quiverTimes));
    System.out.printf(Locale.ROOT, "Quiver / DuckDB = %.2f (target <= 2.0)%n", q / d);
  }

  /** Quiver alone under a memory_limit smaller than the table: the table and the shuffle spill. */
  private static void spilling(String create, Options options) throws Exception {
    try (QuiverRunner quiver = new QuiverRunner()) {
      quiver.execute("SET threads = 2");
      quiver.execute("SET memory_limit = '" + options.spillLimit() + "'");
      long spilledBefore = SpillFiles.bytesWritten();
      double createTime = time(() -> quiver.execute(create));
      long tableSpill = SpillFiles.bytesWritten() - spilledBefore;
      List<Double> times = new ArrayList<>();
      long shuffleSpill = 0;
      for (int r = 0; r < options.runs(); r++) {
        long before = SpillFiles.bytesWritten();
        times.add(timeRun(quiver, options.rows()));
        shuffleSpill = SpillFiles.bytesWritten() - before;
      }
      quiver.execute("DROP TABLE " + TABLE);
      System.out.printf(Locale.ROOT, "Quiver with memory_limit = '%s': CREATE TABLE %.2f s (spilled %d MB),"
              + " ORDER BY RANDOM() %.2f s (median of %d; runs %s; spilled %d MB per run); live spill files after: %d%n",
          options.spillLimit(), createTime, tableSpill >> 20, median(times), times.size(), format(times),
          shuffleSpill >> 20, SpillFiles.liveFiles());
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private static double time(Action a) throws Exception {
    System.gc();
    long start = System.nanoTime();
    a.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double timeRun(EngineRunner runner, long expectedRows) throws Exception {
    System.gc();
    long start = System.nanoTime();
    long rows = runner.run(QUERY, null);
    double seconds = (System.nanoTime() - start) / 1e9;
    check(rows, expectedRows, runner.name());
    return seconds;
  }

  private static void check(long rows, long expected, String engine) {
    if (rows != expected) {
      throw new IllegalStateException(engine + " returned " + rows + " rows, expected " + expected);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String format(List<Double> values) {
    List<String> s = new ArrayList<>();
    values.forEach(v -> s.add(String.format(Locale.ROOT, "%.2f", v)));
    return String.join(", ", s);
  }

  private static String duckVersion(Connection duck) throws SQLException {
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
