package io.quiver.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/**
 * Query results as sorted strings, one per row ({@code [a, b]}, or the value alone for one column in
 * DuckDB's case), so results from Quiver and DuckDB compare with {@code assertEquals}.
 */
public final class TestRows {
  private TestRows() {}

  /** The rows of a Quiver query, each as {@code [v1, v2, ...]}, sorted. */
  public static List<String> quiver(Session s, String sql) {
    List<String> out = new ArrayList<>();
    try (StatementResult r = s.execute(sql)) {
      VectorSchemaRoot b;
      while ((b = r.stream().next()) != null) {
        try (VectorSchemaRoot batch = b) {
          for (int i = 0; i < batch.getRowCount(); i++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              Object o = v.getObject(i);
              row.add(o instanceof Text t ? t.toString() : o);
            }
            out.add(row.toString());
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** Runs a statement and reads its rows (if any) to the end, discarding them. */
  public static void drain(Session s, String sql) {
    try (StatementResult r = s.execute(sql)) {
      if (r.hasRows()) {
        VectorSchemaRoot b;
        while ((b = r.stream().next()) != null) {
          b.close();
        }
      }
    }
  }

  /** The rows of a Quiver query as tab-separated text ({@code String.valueOf} of each value), in the order returned. */
  public static List<String> tsv(Session s, String sql) {
    List<String> out = new ArrayList<>();
    try (StatementResult r = s.execute(sql)) {
      VectorSchemaRoot b;
      while ((b = r.stream().next()) != null) {
        try (VectorSchemaRoot batch = b) {
          for (int i = 0; i < batch.getRowCount(); i++) {
            List<String> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
              row.add(String.valueOf(v.getObject(i)));
            }
            out.add(String.join("\t", row));
          }
        }
      }
    }
    return out;
  }

  /** The rows of a DuckDB query through JDBC, as strings ({@code [a, b]}, or the value of a single column), sorted. */
  public static List<String> duck(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i) == null ? null : rs.getString(i));
        }
        out.add(row.size() == 1 ? String.valueOf(row.get(0)) : row.toString());
      }
    }
    out.sort(null);
    return out;
  }
}
