package io.quiver.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The db-benchmark (h2oai) groupby questions on Quiver and on DuckDB, over the same Parquet file with
 * the same SQL ({@code read_parquet('file')} on both sides).
 *
 * <p>For each query, each engine gets one warm-up run (untimed; it also samples the result for the
 * cross-engine check) and then {@code --runs} timed runs, the engines taking turns; the report shows the
 * median. Every result row is read on both sides. DuckDB runs in-memory over JDBC with
 * {@code threads=2} and hands its result over as Arrow batches (or JDBC rows with {@code
 * --duckdb-results jdbc}); Quiver runs embedded through its façade. A query Quiver cannot run is reported as
 * "Quiver: not available: <message>" and the benchmark goes on.
 *
 * <p>Options: see {@link BenchmarkArgs}. Run it with {@code benchmarks/run-groupby.sh}.
 */
public final class GroupByBenchmark {
  private GroupByBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchmarkArgs options;
    List<GroupByQuery> queries;
    try {
      options = BenchmarkArgs.parse(args);
      queries = GroupByQuery.select(options.queries());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = duck.createStatement()) {
        st.execute("SET threads = 2");
      }
      Path file = prepareData(duck, options);
      printHeader(duck, file, options);
      run(duck, file, queries, options);
    }
  }

  private static Path prepareData(Connection duck, BenchmarkArgs options) throws SQLException {
    long start = System.nanoTime();
    Path file = GroupByDataGenerator.ensure(duck, options.rows(), options.dataDir());
    double seconds = (System.nanoTime() - start) / 1e9;
    if (seconds > 1) {
      System.out.printf("generated %s in %.1f s%n", file, seconds);
    }
    return file;
  }

  private static void printHeader(Connection duck, Path file, BenchmarkArgs options) throws SQLException {
    String version;
    try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
      rs.next();
      version = rs.getString(1);
    }
    System.out.printf("db-benchmark groupby on %s (%d rows, K=%d)%n", file, options.rows(),
        GroupByDataGenerator.K);
    System.out.printf("DuckDB %s (JDBC, in-memory, threads=2, results as %s) vs Quiver (embedded, results"
            + " as Arrow batches); Java %s, %d cores, max heap %d MB%n", version,
        options.duckDbJdbcRows() ? "JDBC rows" : "Arrow batches", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.printf("per query and engine: 1 warm-up + %d timed runs, engines interleaved, median reported;"
        + " all result rows read%n%n", options.runs());
  }

  private static void run(Connection duckConnection, Path file, List<GroupByQuery> queries,
      BenchmarkArgs options) throws Exception {
    String table = "read_parquet(" + GroupByDataGenerator.quote(file.toString()) + ")";
    ReportPrinter report = new ReportPrinter(System.out);
    List<QueryOutcome> outcomes = new ArrayList<>();
    try (HeapSampler heap = new HeapSampler();
        QuiverRunner quiver = new QuiverRunner();
        DuckDbRunner duck = new DuckDbRunner(duckConnection, options.duckDbJdbcRows())) {
      for (GroupByQuery q : queries) {
        String sql = q.sql(table);
        EngineTimings d = new EngineTimings(duck, null, q.keyColumns());
        EngineTimings v = new EngineTimings(quiver, heap, q.keyColumns());
        d.run(sql, true);
        v.run(sql, true);
        for (int i = 0; i < options.runs(); i++) {
          d.run(sql, false);
          v.run(sql, false);
        }
        QueryOutcome outcome = QueryOutcome.of(q, d, v);
        report.progress(outcome);
        outcomes.add(outcome);
      }
      report.table(outcomes, quiver.arrowPeakBytes());
    }
  }
}
