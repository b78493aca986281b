package io.quiver.benchmarks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * DuckDB in-process through its JDBC driver. By default results come back as Arrow batches
 * ({@code DuckDBResultSet.arrowExportStream}), as Quiver's do, so both sides pay the same for handing
 * over rows; with {@code jdbcRows} every row is fetched with {@code ResultSet.next()} instead, which
 * costs about a second per million result rows in value conversion alone.
 */
final class DuckDbRunner implements EngineRunner {
  private static final long ARROW_BATCH_ROWS = 8192;

  private final Connection connection;
  private final boolean jdbcRows;
  private final BufferAllocator allocator = new RootAllocator();

  /** Uses {@code connection} (an in-memory {@code jdbc:duckdb:} connection, threads already set). */
  DuckDbRunner(Connection connection, boolean jdbcRows) {
    this.connection = connection;
    this.jdbcRows = jdbcRows;
  }

  @Override
  public String name() {
    return "DuckDB";
  }

  @Override
  public long run(String sql, ResultSample sample) throws SQLException, IOException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return jdbcRows ? readRows(rs, sample) : readArrow(rs.unwrap(DuckDBResultSet.class), sample);
    }
  }

  private long readArrow(DuckDBResultSet rs, ResultSample sample) throws SQLException, IOException {
    long rows = 0;
    try (ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, ARROW_BATCH_ROWS)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        rows += batch.getRowCount();
        if (sample != null) {
          sample.offer(batch);
        }
      }
    }
    return rows;
  }

  private static long readRows(ResultSet rs, ResultSample sample) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    long rows = 0;
    while (rs.next()) {
      rows++;
      if (sample != null) {
        sample.offer(columns, c -> value(rs, c + 1));
      }
    }
    return rows;
  }

  private static Object value(ResultSet rs, int column) {
    try {
      return rs.getObject(column);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read column " + column + " from DuckDB", e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      allocator.close();
    }
  }
}
