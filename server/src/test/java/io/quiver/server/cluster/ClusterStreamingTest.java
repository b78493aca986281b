package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import io.quiver.server.udf.TestJars;
import io.quiver.server.udf.TestUdfSources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages stream into each other on two in-process workers (one slot each). The producing stage reads
 * through a UDF sleeping 20 ms per 100-row batch, and its first task gets 40 batches while its second
 * gets 4: the first task alone takes at least 800 ms, a floor no machine can shorten. Streaming shows
 * in EXPLAIN ANALYZE's times: the consuming stage (or the coordinator's fragment) starts while the
 * producing stage still runs. Stage at a time, it could only start after the producer's end, so these
 * tests fail without streaming, whatever the machine's speed.
 */
class ClusterStreamingTest {
  /** Task 0 of the leaf reads ids 0..3999 (40 batches), task 1 ids 4000..4399 (4 batches). */
  private static final String SLOW_LEAF = "SELECT twice(id) AS t FROM range(8000) WHERE id < 4400";
  private static final Pattern STAGE_TIMES = Pattern.compile(
      "^Stage (\\d+) .*\\(from \\+(\\d+) to \\+(\\d+) ms\\)");
  private static final Pattern FIRST_INPUT = Pattern.compile("first input at \\+(\\d+) ms");

  private static final String FAIL_LATE = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import java.util.concurrent.atomic.AtomicInteger;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "fail_late", returnType = "BIGINT")
      public class FailLate implements BatchFunction {
        private final AtomicInteger calls = new AtomicInteger();
        public void open(FunctionContext c) {}
        public FieldVector apply(List<FieldVector> args, FunctionContext c) throws Exception {
          Thread.sleep(Integer.parseInt(c.option("sleep_ms", "0")));
          if (calls.incrementAndGet() > Integer.parseInt(c.option("fail_after", "5"))) {
            throw new IllegalStateException("fail_late gave up on purpose");
          }
          BigIntVector in = (BigIntVector) args.get(0);
          BigIntVector out = new BigIntVector("x", c.allocator());
          out.allocateNew(in.getValueCount());
          for (int i = 0; i < in.getValueCount(); i++) {
            out.set(i, in.get(i));
          }
          out.setValueCount(in.getValueCount());
          return out;
        }
      }
      """;

  @TempDir
  Path dir;

  private QuiverEngine engine;
  private InProcessCluster cluster;
  private Session session;

  @BeforeEach
  void open() throws Exception {
    engine = new QuiverEngine();
    cluster = new InProcessCluster(engine, 2, 1);
    session = engine.newSession();
    Path jar = TestJars.build(dir, "udfs.jar", Map.of("t.Twice", TestUdfSources.TWICE, "t.FailLate", FAIL_LATE),
        Map.of());
    run("CREATE FUNCTION twice AS 't.Twice' USING JAR '" + jar + "' WITH (sleep_ms = 20)");
    run("CREATE FUNCTION fail_late AS 't.FailLate' USING JAR '" + jar + "' WITH (sleep_ms = 20, fail_after = 10)");
    run("SET batch_size = 100");
  }

  @AfterEach
  void close() {
    session.close();
    assertEquals(0, cluster.storedBlocks(), "blocks left on the workers");
    cluster.close();
    assertEquals(0, engine.allocatedMemory(), "Arrow memory left");
    engine.close();
  }

  @Test
  void theFinalAggregationStartsWhileThePartialStageStillRuns() {
    String sql = "SELECT t % 10 AS k, COUNT(*) AS n FROM (" + SLOW_LEAF + ") GROUP BY t % 10";
    List<String> plan = rows("EXPLAIN ANALYZE " + sql);
    long[] producer = stageTimes(plan, 1);
    long[] consumer = stageTimes(plan, 2);
    assertTrue(producer[1] - producer[0] >= 800, "the slow task's floor: " + plan);
    assertTrue(consumer[0] < producer[1], "stage 2 started (+" + consumer[0] + " ms) before stage 1 ended (+"
        + producer[1] + " ms):\n" + String.join("\n", plan));
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 10; k += 2) {
      expected.add(k + "\t880");
    }
    assertEquals(expected, sorted(rows(sql)));
  }

  @Test
  void theCoordinatorReadsTheLastStageWhileItRuns() {
    List<String> plan = rows("EXPLAIN ANALYZE " + SLOW_LEAF);
    long[] stage = stageTimes(plan, 1);
    Matcher first = FIRST_INPUT.matcher(String.join("\n", plan));
    assertTrue(first.find(), String.join("\n", plan));
    long firstInput = Long.parseLong(first.group(1));
    assertTrue(stage[1] - stage[0] >= 800, "the slow task's floor: " + plan);
    assertTrue(firstInput < stage[1], "the coordinator's first input (+" + firstInput
        + " ms) came before the stage ended (+" + stage[1] + " ms):\n" + String.join("\n", plan));
    assertTrue(String.join("\n", plan).contains("-- coordinator: rows=4400 "), String.join("\n", plan));
  }

  @Test
  void aProducerFailingMidStreamFailsItsStreamingConsumersAndTheQueryCleanly() {
    String sql = "SELECT x % 10 AS k, COUNT(*) FROM (SELECT fail_late(id) AS x FROM range(8000) WHERE id < 4400) "
        + "GROUP BY x % 10";
    QuiverException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(QuiverException.class, () -> rows(sql)));
    assertTrue(e.getMessage().contains("fail_late gave up on purpose"), e.getMessage());
    // The cluster is fine afterwards.
    assertEquals(List.of("4400"), rows("SELECT COUNT(*) FROM (" + SLOW_LEAF + ")"));
  }

  /** Stage {@code id}'s start and end in ms since the query began, from EXPLAIN ANALYZE. */
  private static long[] stageTimes(List<String> plan, int id) {
    for (String line : plan) {
      Matcher m = STAGE_TIMES.matcher(line);
      if (m.find() && Integer.parseInt(m.group(1)) == id) {
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
      }
    }
    throw new AssertionError("no times for stage " + id + " in\n" + String.join("\n", plan));
  }

  private static List<String> sorted(List<String> rows) {
    List<String> out = new ArrayList<>(rows);
    Collections.sort(out);
    return out;
  }

  private void run(String sql) {
    try (StatementResult r = session.execute(sql)) {
      if (r.hasRows()) {
        VectorSchemaRoot b;
        while ((b = r.stream().next()) != null) {
          b.close();
        }
      }
    }
  }

  /** The rows as tab-separated text, in the order returned. */
  private List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    try (StatementResult r = session.execute(sql)) {
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
}
