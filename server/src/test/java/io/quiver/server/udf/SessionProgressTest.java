package io.quiver.server.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.server.OperatorProgress;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Session#progress()}: a live view of a running query's operators (what the shell's progress
 * lines show), with an actor pool's actors busy and idle and its queue; empty once the query is closed.
 */
class SessionProgressTest {
  @TempDir
  static Path dir;

  @Test
  void aRunningQueryShowsItsOperatorsAndItsActorPool() throws Exception {
    Path jar = TestJars.build(dir, "progress-udfs.jar", TestUdfSources.all(), TestUdfSources.services());
    try (QuiverEngine engine = new QuiverEngine(); Session s = engine.newSession()) {
      s.execute("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar
          + "' WITH (concurrency = 2, batch_size = 10, sleep_ms = 30)").close();
      assertTrue(s.functionNames().containsAll(List.of("twice", "split_part", "count", "read_images")));
      assertTrue(s.tableFunctionNames().containsAll(List.of("range", "read_images", "read_parquet")));
      assertEquals(List.of(), s.progress());
      try (StatementResult r = s.execute("SELECT twice(id) AS t FROM range(300)")) {
        VectorSchemaRoot first = r.stream().next();
        first.close();
        List<OperatorProgress> ops = s.progress();
        OperatorProgress pool = ops.stream().filter(OperatorProgress::pool).findFirst().orElseThrow();
        assertEquals("ActorPool twice", pool.operator());
        assertTrue(pool.started() && pool.rows() >= 10 && pool.batches() >= 1, pool.toString());
        assertTrue(pool.actors() >= 1 && pool.actors() <= 2, pool.toString());
        assertTrue(pool.busyActors() + pool.idleActors() == pool.actors(), pool.toString());
        assertTrue(ops.stream().anyMatch(o -> o.operator().equals("Scan range") && o.rows() > 0), ops.toString());
        assertEquals(0, ops.get(0).depth());
      }
      assertEquals(List.of(), s.progress());
    }
  }
}
