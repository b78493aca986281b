package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.server.WalkthroughScript;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole SPEC walk-through (examples/walkthrough.sql, UDF jar included) through the official Flight SQL
 * JDBC driver with user and password, as a JDBC tool would run it.
 */
class FlightWalkthroughTest {
  @Test
  void walkthroughThroughJdbc(@TempDir Path dir) throws Exception {
    List<Double> accuracy = new ArrayList<>();
    long copied = -1;
    try (FlightTestServer t = new FlightTestServer(dir); Connection conn = t.connect();
        Statement st = conn.createStatement()) {
      for (String sql : WalkthroughScript.statements()) {
        if (!st.execute(sql)) {
          copied = sql.contains("COPY") ? st.getUpdateCount() : copied;
          continue;
        }
        try (ResultSet rs = st.getResultSet()) {
          boolean isAccuracy = sql.contains("AS accuracy");
          while (rs.next()) {
            if (isAccuracy) {
              accuracy.add(rs.getDouble("accuracy"));
            }
          }
        }
      }
    }
    assertEquals(500, copied, "COPY through JDBC reports the rows written");
    assertEquals(10, accuracy.size());
    for (int label = 0; label < 10; label++) {
      assertEquals(WalkthroughScript.ACCURACY[label], accuracy.get(label), 1e-9, "accuracy of label " + label);
    }
  }
}
