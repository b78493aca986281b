package io.quiver.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.TestRows;
import io.quiver.server.udf.TestJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages stream into each other on two in-process workers (one slot each). The producing stage reads
 * through a UDF sleeping 0.25 ms per row of its first task's share only: that task alone takes at
 * least 800 ms (sleeps round down per call), a floor no machine can shorten, while the second one is
 * done at once. Streaming shows
 * in EXPLAIN ANALYZE's times: the consuming stage (or the coordinator's fragment) starts while the
 * producing stage still runs. Stage at a time, it could only start after the producer's end, so these
 * tests fail without streaming, whatever the machine's speed.
 */
class ClusterStreamingTest {
  /** Task 0 of the leaf reads ids 0..3999 (slow: 1 s, at least 800 ms whatever the cut), task 1 the rest (fast). */
  private static final String SLOW_LEAF = "SELECT slow(id) AS t FROM range(8000)";
  private static final Pattern STAGE_TIMES = Pattern.compile(
      "^Stage (\\d+) .*\\(from \\+(\\d+) to \\+(\\d+) ms\\)");
  private static final Pattern FIRST_INPUT = Pattern.compile("first input at \\+(\\d+) ms");

  /**
   * {@code NAME(id)} returns {@code id}; a call whose first id is below {@code slow_below} sleeps
   * {@code sleep_us_per_row} per row first (one call at a time) (so only the leaf's first task is slow) and, past {@code fail_after} such
   * calls in this JVM, throws.
   */
  private static final String SLOW_TEMPLATE = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import java.util.concurrent.atomic.AtomicInteger;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "NAME", returnType = "BIGINT")
      public class CLASS implements BatchFunction {
        static final AtomicInteger SLOW_CALLS = new AtomicInteger();
        public void open(FunctionContext c) {}
        public FieldVector apply(List<FieldVector> args, FunctionContext c) throws Exception {
          BigIntVector in = (BigIntVector) args.get(0);
          if (in.getValueCount() > 0 && in.get(0) < Long.parseLong(c.option("slow_below", "0"))) {
            // Per row, so the floor holds however the rows are cut into calls; one call at a time, so it
            // holds however many threads (a gather's prefetch) call.
            synchronized (CLASS.class) {
              Thread.sleep(in.getValueCount() * Long.parseLong(c.option("sleep_us_per_row", "0")) / 1000);
            }
            int failAfter = Integer.parseInt(c.option("fail_after", "-1"));
            if (SLOW_CALLS.incrementAndGet() > failAfter && failAfter >= 0) {
              throw new IllegalStateException("NAME gave up on purpose");
            }
          }
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
    Path jar = TestJars.build(dir, "udfs.jar", Map.of(
        "t.Slow", SLOW_TEMPLATE.replace("NAME", "slow").replace("CLASS", "Slow"),
        "t.SlowFail", SLOW_TEMPLATE.replace("NAME", "slow_fail").replace("CLASS", "SlowFail")), Map.of());
    run("CREATE FUNCTION slow AS 't.Slow' USING JAR '" + jar + "' WITH (sleep_us_per_row = 250, slow_below = 4000)");
    run("CREATE FUNCTION slow_fail AS 't.SlowFail' USING JAR '" + jar
        + "' WITH (sleep_us_per_row = 250, slow_below = 4000, fail_after = 10)");
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
    for (int k = 0; k < 10; k++) {
      expected.add(k + "\t800");
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
    assertTrue(String.join("\n", plan).contains("-- coordinator: rows=8000 "), String.join("\n", plan));
  }

  @Test
  void aProducerFailingMidStreamFailsItsStreamingConsumersAndTheQueryCleanly() {
    // The final aggregation starts when the fast task ends and streams the slow one's block, which
    // fails after 10 batches.
    String sql = "SELECT x % 10 AS k, COUNT(*) FROM (SELECT slow_fail(id) AS x FROM range(8000)) GROUP BY x % 10";
    QuiverException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(QuiverException.class, () -> rows(sql)));
    assertTrue(e.getMessage().contains("slow_fail gave up on purpose"), e.getMessage());
    // The cluster is fine afterwards.
    assertEquals(List.of("8000"), rows("SELECT COUNT(*) FROM (" + SLOW_LEAF + ")"));
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
    TestRows.drain(session, sql);
  }

  /** The rows as tab-separated text, in the order returned. */
  private List<String> rows(String sql) {
    return TestRows.tsv(session, sql);
  }
}
