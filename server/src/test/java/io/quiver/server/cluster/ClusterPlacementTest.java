package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks whose actor pools need GPUs or custom resources go only where those are free. */
class ClusterPlacementTest {
  @TempDir
  Path dir;

  @Test
  void gpuTasksRunOnlyOnTheWorkerWithAGpu() throws Exception {
    Path jar = TestJars.build(dir, "twice.jar", Map.of("t.Twice", TestUdfSources.TWICE), Map.of());
    try (QuiverEngine engine = new QuiverEngine()) {
      List<WorkerInfo> infos = List.of(new WorkerInfo("cpu", "", 2, 0, 1L << 30, Map.of()),
          new WorkerInfo("gpu", "", 2, 1, 1L << 30, Map.of()));
      try (InProcessCluster cluster = new InProcessCluster(engine, infos); Session s = engine.newSession()) {
        Set<String> udfWorkers = ConcurrentHashMap.newKeySet();
        Set<String> otherWorkers = ConcurrentHashMap.newKeySet();
        cluster.beforeSubmit((w, task) -> (task.fragment().toString().contains("Twice") ? udfWorkers : otherWorkers)
            .add(w.info().id()));
        run(s, "SET gpus = 1");
        run(s, "SET batch_size = 100");
        run(s, "CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (num_gpus = 1, concurrency = 1)");
        assertEquals(999_000L, sum(s, "SELECT SUM(twice(id)) FROM range(1000)"));
        assertEquals(Set.of("gpu"), udfWorkers);
        run(s, "CREATE OR REPLACE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (resources = 'tpu:1')");
        QuiverException e = assertThrows(QuiverException.class,
            () -> sum(s, "SELECT SUM(twice(id)) FROM range(10)"));
        assertTrue(e.getMessage().contains("no live worker has that much"), e.getMessage());
        assertEquals(0, cluster.storedBlocks());
      }
      assertEquals(0, engine.allocatedMemory());
    }
  }

  private static void run(Session s, String sql) {
    try (StatementResult r = s.execute(sql)) {
      if (r.hasRows()) {
        VectorSchemaRoot b;
        while ((b = r.stream().next()) != null) {
          b.close();
        }
      }
    }
  }

  private static long sum(Session s, String sql) {
    try (StatementResult r = s.execute(sql); VectorSchemaRoot b = r.stream().next()) {
      return ((BigIntVector) b.getVector(0)).get(0);
    }
  }
}
