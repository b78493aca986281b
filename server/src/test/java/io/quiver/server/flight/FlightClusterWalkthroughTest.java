package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.WalkthroughScript;
import io.quiver.server.cluster.ProcessCluster;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
      assertEquals(2, cluster.membership().live().size(), "no worker was lost during the walk-through");
      workerLostDuringAQueryIsANoticeForTheClient(t, cluster, dir);
    }
    assertTrue(plan.contains("Stage"), "EXPLAIN on the cluster shows stages:\n" + plan);
    assertEquals(500, copied, "COPY through JDBC reports the rows written");
    assertEquals(10, accuracy.size());
    for (int label = 0; label < 10; label++) {
      assertEquals(WalkthroughScript.ACCURACY[label], accuracy.get(label), 1e-9, "accuracy of label " + label);
    }
  }

  /**
   * A user aggregate's GROUP BY on the workers: each task sends its groups' states serialized
   * ({@code udaf_state}), the task that owns a group deserializes them in the jar's class loader and
   * merges them with the function's {@code merge}.
   */
  private static void userAggregateStatesTravelBetweenWorkers(FlightSqlClient sql, CredentialCallOption token)
      throws Exception {
    List<String> plan = column(sql, token, "EXPLAIN SELECT id % 3 AS k, my_sum(id) FROM range(30000) GROUP BY id % 3");
    String text = String.join("\n", plan);
    assertTrue(text.contains("udaf_state<my_sum>(id)") && text.contains("merge_udaf<my_sum>("),
        "partial states are shuffled and merged:\n" + text);
    List<String> sums = column(sql, token, "SELECT CAST(k AS VARCHAR) || '=' || CAST(s AS VARCHAR) FROM "
        + "(SELECT id % 3 AS k, my_sum(id) AS s FROM range(30000) GROUP BY id % 3) ORDER BY k");
    long[] expected = new long[3];
    for (long id = 0; id < 30000; id++) {
      expected[(int) (id % 3)] += id;
    }
    assertEquals(List.of("0=" + expected[0], "1=" + expected[1], "2=" + expected[2]), sums);
  }

  /** The first column of a query's rows, as text. */
  private static List<String> column(FlightSqlClient sql, CredentialCallOption token, String query) throws Exception {
    List<String> out = new ArrayList<>();
    FlightInfo info = sql.execute(query, token);
    try (FlightStream s = sql.getStream(info.getEndpoints().get(0).getTicket(), token)) {
      while (s.next()) {
        for (int i = 0; i < s.getRoot().getRowCount(); i++) {
          out.add(String.valueOf(s.getRoot().getVector(0).getObject(i)));
        }
      }
    }
    return out;
  }

  /**
   * A worker killed while a client's query runs: the rows are complete, and the client's session then has
   * a notice naming the worker, fetched with the {@link SessionNotices#ACTION} action (what the shell does
   * after each statement over {@code --connect}).
   */
  private static void workerLostDuringAQueryIsANoticeForTheClient(FlightTestServer t, ProcessCluster cluster,
      Path dir) throws Exception {
    Path jar = TestJars.build(dir, "udfs.jar", Map.of("t.Twice", TestUdfSources.TWICE, "t.MySum",
        TestUdfSources.MY_SUM), Map.of());
    try (BufferAllocator allocator = new RootAllocator();
        FlightClient flight = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", t.server.port())).build()) {
      CredentialCallOption token = flight.authenticateBasicToken("alice", "secret").orElseThrow();
      FlightSqlClient sql = new FlightSqlClient(flight);
      sql.executeUpdate("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 40)", token);
      sql.executeUpdate("CREATE FUNCTION my_sum AS 't.MySum' USING JAR '" + jar + "'", token);
      userAggregateStatesTravelBetweenWorkers(sql, token);
      sql.executeUpdate("SET batch_size = 100", token); // 80 batches of 40 ms over two workers: >= 1.6 s
      CompletableFuture<Long> rows = CompletableFuture.supplyAsync(() -> {
        FlightInfo info = sql.execute("SELECT twice(id) AS t FROM range(8000)", token);
        long n = 0;
        try (FlightStream s = sql.getStream(info.getEndpoints().get(0).getTicket(), token)) {
          while (s.next()) {
            n += s.getRoot().getRowCount();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return n;
      });
      Thread.sleep(800);
      assertTrue(!rows.isDone(), "the query still runs when the worker is killed");
      cluster.processes().get(0).destroyForcibly();
      assertEquals(8000L, rows.get(60, TimeUnit.SECONDS));
      List<String> notices = new ArrayList<>();
      flight.doAction(new Action(SessionNotices.ACTION), token)
          .forEachRemaining(r -> notices.add(new String(r.getBody(), StandardCharsets.UTF_8)));
      assertEquals(1, notices.size(), notices::toString);
      assertTrue(notices.get(0).contains("was lost during the query"), notices.get(0));
      List<String> again = new ArrayList<>();
      flight.doAction(new Action(SessionNotices.ACTION), token).forEachRemaining(r -> again.add("x"));
      assertEquals(List.of(), again, "a notice is given once");
    }
  }
}
