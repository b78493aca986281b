package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The SPEC walk-through (without UDFs), prepared statements and DBeaver's metadata calls through the official JDBC driver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightJdbcTest {
  FlightTestServer t;
  Connection conn;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    t = new FlightTestServer(dir);
    conn = t.connect();
    try (Statement st = conn.createStatement()) {
      int n = st.executeUpdate("CREATE TABLE preds AS SELECT path, CAST(split_part(path, '/', -2) AS INT) AS label, "
          + "CAST(split_part(path, '/', -2) AS INT) AS predicted_label FROM read_images('" + FlightTestServer.MNIST
          + "', include_paths => true)");
      assertEquals(500, n, "CREATE TABLE AS counts its rows");
    }
  }

  @AfterAll
  void stop() throws Exception {
    conn.close();
    t.close();
  }

  @Test
  void walkthroughQueries() throws SQLException {
    try (Statement st = conn.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT * FROM read_images('" + FlightTestServer.MNIST + "', include_paths => true) LIMIT 3")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          Array image = rs.getArray("image");
          Object[] pixels = (Object[]) image.getArray();
          assertEquals(28 * 28, pixels.length, "a tensor column reads as an array of its 784 pixels");
          assertTrue(rs.getString("path").endsWith(".png"));
        }
        assertEquals(3, rows);
        assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(1));
      }
      Map<String, String> described = new HashMap<>();
      try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_images('" + FlightTestServer.MNIST + "', include_paths => true)")) {
        while (rs.next()) {
          described.put(rs.getString(1), rs.getString(2));
        }
      }
      assertEquals(Map.of("image", "TENSOR<UINT8>[28,28]", "path", "VARCHAR"), described);
      try (ResultSet rs = st.executeQuery("SELECT CAST(split_part(path, '/', -2) AS INT) AS label, path FROM read_images('"
          + FlightTestServer.MNIST + "', include_paths => true)")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          assertTrue(rs.getString("path").contains("/" + rs.getInt("label") + "/"));
        }
        assertEquals(500, rows);
      }
      try (ResultSet rs = st.executeQuery("SELECT label, AVG(CASE WHEN predicted_label = label THEN 1.0 ELSE 0.0 END) AS accuracy "
          + "FROM preds GROUP BY label ORDER BY label")) {
        int label = 0;
        while (rs.next()) {
          assertEquals(label++, rs.getInt(1));
          assertEquals(1.0, rs.getDouble(2), 1e-12);
        }
        assertEquals(10, label);
      }
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(label), MAX(label), AVG(label), SUM(label), STDDEV(label) FROM preds")) {
        assertTrue(rs.next());
        assertEquals(500, rs.getLong(1));
        assertEquals(0, rs.getInt(2));
        assertEquals(9, rs.getInt(3));
        assertEquals(4.5, rs.getDouble(4), 1e-12);
        assertEquals(2250, rs.getLong(5));
      }
      Set<String> paths = new HashSet<>();
      List<String> order = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT * FROM preds ORDER BY RANDOM()")) {
        while (rs.next()) {
          paths.add(rs.getString("path"));
          order.add(rs.getString("path"));
        }
      }
      assertEquals(500, paths.size());
      List<String> sorted = new ArrayList<>(order);
      sorted.sort(null);
      assertFalse(sorted.equals(order), "ORDER BY RANDOM() shuffles");
    }
  }

  @Test
  void otherStatements() throws SQLException {
    try (Statement st = conn.createStatement()) {
      assertEquals(0, st.executeUpdate("SET seed = 42"));
      try (ResultSet rs = st.executeQuery("SHOW SETTINGS")) {
        boolean seen = false;
        while (rs.next()) {
          seen |= rs.getString("name").equals("seed") && rs.getString("value").equals("42");
        }
        assertTrue(seen, "SET reaches the connection's session");
      }
      assertEquals(0, st.executeUpdate("CREATE OR REPLACE VIEW big_labels AS SELECT * FROM preds WHERE label > 5"));
      assertTrue(st.execute("EXPLAIN SELECT * FROM big_labels"));
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = st.getResultSet()) {
        while (rs.next()) {
          plan.append(rs.getString("plan")).append('\n');
        }
      }
      assertTrue(plan.toString().contains("Scan"), plan.toString());
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM big_labels")) {
        assertTrue(rs.next());
        assertEquals(200, rs.getLong(1));
      }
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT nope FROM preds"));
      assertTrue(e.getMessage().contains("nope"), e.getMessage());
      assertFalse(e.getMessage().contains("\tat "), "no stack trace in errors: " + e.getMessage());
    }
  }

  @Test
  void preparedStatementsWithParameters() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM preds WHERE label = ? AND path LIKE ?")) {
      ps.setInt(1, 3);
      ps.setString(2, "%.png");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(50, rs.getLong(1));
      }
      ps.setInt(1, 7);
      ps.setString(2, "%/7/7_000%");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(10, rs.getLong(1));
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM preds WHERE path = ?")) {
      ps.setString(1, "x' OR '1'='1");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getLong(1), "a parameter is a value, never SQL");
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("CREATE OR REPLACE TABLE some_labels AS SELECT * FROM preds WHERE label < ?")) {
      ps.setInt(1, 2);
      assertEquals(100, ps.executeUpdate());
    }
  }

  @Test
  void metadataDbeaverAsks() throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("CREATE OR REPLACE TABLE imgs AS SELECT * FROM read_images('" + FlightTestServer.MNIST
          + "', include_paths => true) LIMIT 2");
      st.executeUpdate("CREATE OR REPLACE VIEW v_preds AS SELECT label FROM preds");
    }
    DatabaseMetaData md = conn.getMetaData();
    assertEquals("Quiver", md.getDatabaseProductName());
    assertEquals("\"", md.getIdentifierQuoteString());
    assertEquals(List.of("quiver"), column(md.getCatalogs(), "TABLE_CAT"));
    assertEquals(List.of("main"), column(md.getSchemas(), "TABLE_SCHEM"));
    assertEquals(List.of("TABLE", "VIEW"), column(md.getTableTypes(), "TABLE_TYPE"));
    Map<String, String> tables = new HashMap<>();
    try (ResultSet rs = md.getTables("quiver", "main", "%", null)) {
      while (rs.next()) {
        tables.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
      }
    }
    assertEquals("TABLE", tables.get("preds"));
    assertEquals("TABLE", tables.get("imgs"));
    assertEquals("VIEW", tables.get("v_preds"));
    Map<String, Integer> types = new HashMap<>();
    Map<String, String> typeNames = new HashMap<>();
    try (ResultSet rs = md.getColumns("quiver", "main", "imgs", "%")) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
        typeNames.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
      }
    }
    assertEquals(Types.ARRAY, types.get("image"), "tensors surface as arrays");
    assertEquals("TENSOR<UINT8>[28,28]", typeNames.get("image"));
    assertEquals(Types.VARCHAR, types.get("path"));
    try (ResultSet rs = md.getColumns(null, null, "v_preds", null)) {
      assertTrue(rs.next());
      assertEquals("label", rs.getString("COLUMN_NAME"));
      assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
    }
    assertFalse(md.getPrimaryKeys("quiver", "main", "preds").next());
    assertFalse(md.getImportedKeys("quiver", "main", "preds").next());
    assertFalse(md.getExportedKeys("quiver", "main", "preds").next());
    md.getTypeInfo().close();
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(name));
      }
    }
    return out;
  }
}
