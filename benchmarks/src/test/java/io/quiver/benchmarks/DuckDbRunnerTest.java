package io.quiver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark query through DuckDB's two result paths (Arrow batches and JDBC rows) gives the same
 * rows and sampled values: this exercises the SQL of all ten questions and the cross-engine check with
 * the value types each path produces (Arrow Text and Decimal vs. JDBC String and BigInteger).
 */
class DuckDbRunnerTest {
  @TempDir Path dir;

  @Test
  void arrowAndJdbcResultsAgreeOnEveryQuery() throws Exception {
    try (DuckDbRunner arrow = new DuckDbRunner(DriverManager.getConnection("jdbc:duckdb:"), false);
        DuckDbRunner jdbc = new DuckDbRunner(DriverManager.getConnection("jdbc:duckdb:"), true);
        Connection gen = DriverManager.getConnection("jdbc:duckdb:")) {
      Path file = GroupByDataGenerator.ensure(gen, 5_000, dir);
      String table = "read_parquet(" + GroupByDataGenerator.quote(file.toString()) + ")";
      for (GroupByQuery q : GroupByQuery.all()) {
        ResultSample a = new ResultSample(q.keyColumns());
        ResultSample b = new ResultSample(q.keyColumns());
        long rows = arrow.run(q.sql(table), a);
        assertEquals(rows, jdbc.run(q.sql(table), b), q.id());
        assertEquals(rows, arrow.run(q.sql(table), null), q.id());
        assertEquals(Math.min(rows, ResultSample.SIZE), a.size(), q.id());
        assertNull(a.differences(b, "arrow", "jdbc"), q.id());
      }
    }
  }
}
