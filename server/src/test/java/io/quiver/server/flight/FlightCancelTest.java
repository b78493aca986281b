package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement.cancel and query timeouts stop the engine's work; concurrent clients keep their own sessions. */
class FlightCancelTest {
  @TempDir
  Path dir;

  @Test
  void cancelStopsTheQueryOnTheEngine() throws Exception {
    try (FlightTestServer t = new FlightTestServer(dir); Connection c = t.connect()) {
      long before = t.engine.allocatedMemory();
      try (Statement st = c.createStatement()) {
        ResultSet rs = st.executeQuery("SELECT id, id * 2 AS twice FROM range(5000000000)");
        for (int i = 0; i < 100_000; i++) {
          assertTrue(rs.next());
        }
        st.cancel();
        assertThrows(SQLException.class, () -> {
          while (rs.next()) {
            // drain until the cancellation shows
          }
        });
      } catch (SQLException expectedOnClose) {
        // closing a cancelled statement may report the cancellation again
      }
      awaitMemory(t, before);
    }
  }

  @Test
  void queryTimeoutStopsALongQuery() throws Exception {
    try (FlightTestServer t = new FlightTestServer(dir); Connection c = t.connect(); Statement st = c.createStatement()) {
      long before = t.engine.allocatedMemory();
      st.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM range(100000000000)")) {
          rs.next();
        }
      });
      String m = FlightSecurityTest.fullMessage(e).toLowerCase(java.util.Locale.ROOT);
      assertTrue(m.contains("deadline") || m.contains("timeout") || m.contains("timed out") || m.contains("cancel"), m);
      assertTrue(System.nanoTime() - start < 10_000_000_000L);
      awaitMemory(t, before);
    }
  }

  @Test
  void twentyConcurrentClientsEachSeeTheirOwnResults() throws Exception {
    try (FlightTestServer t = new FlightTestServer(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(20);
      try {
        List<Future<Long>> sums = new ArrayList<>();
        for (int k = 1; k <= 20; k++) {
          int n = k * 1000;
          sums.add(pool.submit(() -> {
            try (Connection c = t.connect(); Statement st = c.createStatement()) {
              st.executeUpdate("CREATE TABLE mine AS SELECT id FROM range(" + n + ")");
              long total = 0;
              for (int round = 0; round < 3; round++) {
                try (ResultSet rs = st.executeQuery("SELECT SUM(id), COUNT(*) FROM mine")) {
                  rs.next();
                  assertEquals(n, rs.getLong(2));
                  total = rs.getLong(1);
                }
              }
              return total;
            }
          }));
        }
        for (int k = 1; k <= 20; k++) {
          long n = k * 1000L;
          assertEquals(n * (n - 1) / 2, sums.get(k - 1).get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Waits until the engine holds no more Arrow memory than before (the query's memory was returned). */
  private static void awaitMemory(FlightTestServer t, long before) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (t.engine.allocatedMemory() > before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(before, t.engine.allocatedMemory(), "the cancelled query released its memory");
  }
}
