package io.quiver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measuring and reporting path with a second DuckDB standing in for Quiver (which may not be built):
 * timings, the check, the ratio and its geometric mean, the heap column, and a failing engine.
 */
class ReportTest {
  @TempDir Path dir;

  /** An engine in Quiver's place that fails like an unfinished one. */
  private static final class FailingRunner implements EngineRunner {
    @Override
    public String name() {
      return "Quiver";
    }

    @Override
    public long run(String sql, ResultSample sample) {
      throw new UnsupportedOperationException("not built yet\nsecond line");
    }

    @Override
    public void close() {}
  }

  @Test
  void measuresChecksAndReports() throws Exception {
    try (Connection gen = DriverManager.getConnection("jdbc:duckdb:");
        DuckDbRunner duck = new DuckDbRunner(DriverManager.getConnection("jdbc:duckdb:"), false);
        DuckDbRunner standIn = new DuckDbRunner(DriverManager.getConnection("jdbc:duckdb:"), true);
        HeapSampler heap = new HeapSampler()) {
      Path file = GroupByDataGenerator.ensure(gen, 20_000, dir);
      String table = "read_parquet(" + GroupByDataGenerator.quote(file.toString()) + ")";
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ReportPrinter report = new ReportPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

      GroupByQuery q4 = GroupByQuery.select(List.of("q4")).get(0);
      EngineTimings d = new EngineTimings(duck, null, q4.keyColumns());
      EngineTimings v = new EngineTimings(standIn, heap, q4.keyColumns());
      for (int i = 0; i < 3; i++) {
        d.run(q4.sql(table), i == 0);
        v.run(q4.sql(table), i == 0);
      }
      QueryOutcome agreed = QueryOutcome.of(q4, d, v);
      assertEquals("ok", agreed.check());
      assertEquals(100, v.rows());
      assertTrue(v.peakHeap() > 0);
      assertTrue(agreed.ratio() > 0);

      GroupByQuery q8 = GroupByQuery.select(List.of("q8")).get(0);
      EngineTimings d8 = new EngineTimings(duck, null, q8.keyColumns());
      EngineTimings failing = new EngineTimings(new FailingRunner(), heap, q8.keyColumns());
      d8.run(q8.sql(table), true);
      failing.run(q8.sql(table), true);
      d8.run(q8.sql(table), false);
      failing.run(q8.sql(table), false);
      QueryOutcome failed = QueryOutcome.of(q8, d8, failing);
      assertEquals("-", failed.check());

      report.progress(agreed);
      report.progress(failed);
      report.table(List.of(agreed, failed), OptionalLong.empty());
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("  Quiver: not available: not built yet\n    second line"), text);
      assertTrue(text.contains("geometric mean of Quiver/DuckDB over 1 queries: "), text);
      assertTrue(text.matches("(?s).*\\nq4 +mean v1:v3 by id4 +100 +[0-9.]+ +[0-9.]+ +[0-9.]+ +ok +[0-9]+\\n.*"),
          text);
      assertTrue(text.matches("(?s).*\\nq8\\* +largest two v3 by id6 +200 +[0-9.]+ +- +- +- +-\\n.*"), text);
      assertTrue(text.contains("q8: only the largest v3"), text);
    }
  }
}
