package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.WalkthroughScript;
import io.quiver.server.cluster.ProcessCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPEC walk-through (examples/walkthrough.sql) through the Flight SQL server and JDBC, with the
 * server's queries running on a cluster of two worker processes (as {@code quiver server --workers 2}):
 * the UDF jar travels to the workers by content hash, the MNIST classifier runs there, {@code preds}
 * lives on the workers as blocks, and the accuracies are the embedded engine's.
 */
class FlightClusterWalkthroughTest {
  @Test
  void walkthroughOnTwoWorkerProcesses(@TempDir Path dir) throws Exception {
    List<Double> accuracy = new ArrayList<>();
    long copied = -1;
    String plan;
    try (FlightTestServer t = new FlightTestServer(dir); ProcessCluster cluster = ProcessCluster.start(t.engine, 2);
        Connection conn = t.connect(); Statement st = conn.createStatement()) {
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
      StringBuilder explain = new StringBuilder();
      try (ResultSet rs = st.executeQuery("EXPLAIN SELECT label, COUNT(*) FROM preds GROUP BY label")) {
        while (rs.next()) {
          explain.append(rs.getString(1)).append('\n');
        }
      }
      plan = explain.toString();
      assertEquals(2, cluster.membership().live().size(), "no worker was lost");
    }
    assertTrue(plan.contains("Stage"), "EXPLAIN on the cluster shows stages:\n" + plan);
    assertEquals(500, copied, "COPY through JDBC reports the rows written");
    assertEquals(10, accuracy.size());
    for (int label = 0; label < 10; label++) {
      assertEquals(WalkthroughScript.ACCURACY[label], accuracy.get(label), 1e-9, "accuracy of label " + label);
    }
  }
}
