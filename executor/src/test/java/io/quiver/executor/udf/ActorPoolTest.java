package io.quiver.executor.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.runtime.BatchOrigin;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.executor.runtime.PoolStats;
import io.quiver.executor.operator.UdfOperator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Actor pools and stateless UDF calls, driven through {@link UdfOperator} with a counting UDF. */
class ActorPoolTest {
  private static final Schema SCHEMA = new Schema(List.of(new Field("x", FieldType.nullable(new ArrowType.Int(32, true)), null)));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    CountingUdf.reset();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private ExecContext ctx(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("cpus", "4", "udf_idle_ms", "100"));
    settings.putAll(extra);
    ExecContext ctx = new ExecContext(allocator, settings, null, null);
    ctx.attachment(ExecMetrics.class, ExecMetrics::new);
    return ctx;
  }

  private static UdfSpec spec(Map<String, String> with) {
    return UdfClasses.define("counting", CountingUdf.class.getName(), null, with);
  }

  /** {@code batches} batches of {@code rows} rows numbered 0.. in order, from a file named by batch. */
  private final class Numbers implements BatchStream {
    final int batches;
    final int rows;
    final IntConsumer beforeBatch;
    int produced;

    final boolean knowsSize;

    Numbers(int batches, int rows, IntConsumer beforeBatch) {
      this(batches, rows, beforeBatch, false);
    }

    /** @param knowsSize whether {@link #batchesAhead()} tells the batches left (like a scan's splits) */
    Numbers(int batches, int rows, IntConsumer beforeBatch, boolean knowsSize) {
      this.batches = batches;
      this.rows = rows;
      this.beforeBatch = beforeBatch;
      this.knowsSize = knowsSize;
    }

    @Override
    public long batchesAhead() {
      return knowsSize ? batches - produced : -1;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public VectorSchemaRoot next() {
      if (produced == batches) {
        BatchOrigin.set(null);
        return null;
      }
      beforeBatch.accept(produced);
      VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
      IntVector v = (IntVector) root.getVector(0);
      v.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        v.set(i, produced * rows + i);
      }
      root.setRowCount(rows);
      BatchOrigin.set("/data/file-" + produced + ".bin");
      produced++;
      return root;
    }

    @Override
    public void close() {}
  }

  /** Runs the UDF over the input, checks results are 2x the input in input order, returns rows. */
  private long run(BatchStream input, UdfSpec spec, ExecContext ctx) {
    UdfNode node = UdfNode.of(new ValuesNode(SCHEMA, List.of()), spec, new int[] {0},
        new Field("y", FieldType.nullable(new ArrowType.Int(32, true)), null));
    QueryReservations.reserve(node, ctx);
    long expected = -1;
    long rows = 0;
    try (UdfOperator op = new UdfOperator(input, node, ctx)) {
      VectorSchemaRoot b;
      while ((b = op.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          IntVector x = (IntVector) batch.getVector(0);
          IntVector y = (IntVector) batch.getVector(1);
          for (int i = 0; i < batch.getRowCount(); i++) {
            assertTrue(x.get(i) > expected, "rows keep input order");
            expected = x.get(i);
            assertEquals(2 * x.get(i), y.get(i));
          }
          rows += batch.getRowCount();
        }
      }
      lastStats = ctx.attachmentOrNull(ExecMetrics.class).pool(node);
    }
    return rows;
  }

  private PoolStats lastStats;

  @Test
  void statelessFunctionOpensOnceAndRechunks() {
    long rows = run(new Numbers(10, 7, i -> {}), spec(Map.of("batch_size", "5")), ctx(Map.of()));
    assertEquals(70, rows);
    assertEquals(1, CountingUdf.OPENS.get());
    assertEquals(1, CountingUdf.CLOSES.get());
    assertEquals(14, CountingUdf.CALLS.get(), "70 rows in calls of 5");
  }

  @Test
  void fixedPoolOpensOncePerActorAndBoundsConcurrency() {
    long rows = run(new Numbers(30, 10, i -> {}), spec(Map.of("concurrency", "2", "sleep_ms", "5")), ctx(Map.of()));
    assertEquals(300, rows);
    assertEquals(2, CountingUdf.OPENS.get(), "one open per actor");
    assertEquals(2, CountingUdf.CLOSES.get());
    assertEquals(30, CountingUdf.CALLS.get());
    assertTrue(CountingUdf.MAX_RUNNING.get() <= 2, "at most 2 calls at once: " + CountingUdf.MAX_RUNNING.get());
  }

  @Test
  void autoscalingPoolGrowsUnderLoadAndShrinksWhenIdle() {
    ExecContext ctx = ctx(Map.of());
    UdfSpec spec = spec(Map.of("concurrency", "1..4", "num_cpus", "1", "sleep_ms", "30"));
    long rows = run(new Numbers(42, 5, i -> {}), spec, ctx);
    assertEquals(210, rows);
    assertTrue(lastStats.peakActors() > 1, "the pool grew under load: " + lastStats);
    assertTrue(lastStats.peakActors() <= 4, "never more than max: " + lastStats);
    assertTrue(CountingUdf.MAX_RUNNING.get() <= 4);
    assertEquals(CountingUdf.OPENS.get(), lastStats.actorsStarted(), "each actor opened exactly once");
    assertTrue(lastStats.busyFraction() > 0);
    // Calls sleep 30 ms: wall time per call at least that, CPU time far less (the EXPLAIN ANALYZE hint
    // that tells waiting from computing).
    assertTrue(lastStats.meanCallMillis() >= 29, "per-call wall time: " + lastStats);
    assertTrue(lastStats.meanCallCpuMillis() < lastStats.meanCallMillis(), "per-call CPU time: " + lastStats);
    assertTrue(lastStats.toString().contains(" per_call="), lastStats.toString());
  }

  @Test
  void startsEveryActorAtOnceWhenMuchInputIsAhead() {
    assertEquals(3, actorsStartedAtSecondBatch(20), "all of max at once, not grown one by one: " + lastStats);
    assertEquals(3, lastStats.peakActors(), lastStats.toString());
    assertEquals(CountingUdf.OPENS.get(), lastStats.actorsStarted(), "each actor opened exactly once");
    assertEquals(0, lastStats.liveActors(), "all actors stopped at the end");
  }

  @Test
  void littleInputAheadStartsAtTheMinimum() {
    assertEquals(1, actorsStartedAtSecondBatch(3), "3 batches are too few to start 3 actors for: " + lastStats);
  }

  /**
   * Runs {@code batches} batches (whose count the input tells) through a 1..3 pool; returns how many
   * actors had started when the second batch was pulled, i.e. before load could grow the pool.
   */
  private int actorsStartedAtSecondBatch(int batches) {
    ExecContext ctx = ctx(Map.of());
    UdfSpec spec = spec(Map.of("concurrency", "1..3", "num_cpus", "1", "sleep_ms", "5"));
    UdfNode node = UdfNode.of(new ValuesNode(SCHEMA, List.of()), spec, new int[] {0},
        new Field("y", FieldType.nullable(new ArrowType.Int(32, true)), null));
    PoolStats stats = ctx.attachmentOrNull(ExecMetrics.class).poolOf(node);
    int[] startedAtSecondBatch = {-1};
    QueryReservations.reserve(node, ctx);
    try (UdfOperator op = new UdfOperator(new Numbers(batches, 5, i -> {
      if (i == 1) {
        // One batch submitted so far: growing under load would still be at one actor.
        sleep(200);
        startedAtSecondBatch[0] = stats.actorsStarted();
      }
    }, true), node, ctx)) {
      VectorSchemaRoot b;
      while ((b = op.next()) != null) {
        b.close();
      }
    }
    lastStats = stats;
    return startedAtSecondBatch[0];
  }

  @Test
  void startingAtOnceStaysWithinTheBudget() {
    ExecContext ctx = ctx(Map.of("cpus", "2"));
    UdfSpec spec = spec(Map.of("concurrency", "1..4", "num_cpus", "1", "sleep_ms", "5"));
    long rows = run(new Numbers(20, 5, i -> {}, true), spec, ctx);
    assertEquals(100, rows);
    assertEquals(2, lastStats.peakActors(), "2 CPUs, one per actor: " + lastStats);
    assertTrue(CountingUdf.MAX_RUNNING.get() <= 2);
  }

  @Test
  void shrinksToMinimumWhenIdle() throws Exception {
    ExecContext ctx = ctx(Map.of());
    UdfSpec spec = spec(Map.of("concurrency", "1..3", "sleep_ms", "20"));
    UdfNode node = UdfNode.of(new ValuesNode(SCHEMA, List.of()), spec, new int[] {0},
        new Field("y", FieldType.nullable(new ArrowType.Int(32, true)), null));
    PoolStats stats = ctx.attachmentOrNull(ExecMetrics.class).poolOf(node);
    int[] liveAfterPause = {-1};
    int[] peakBeforePause = {-1};
    QueryReservations.reserve(node, ctx);
    try (UdfOperator op = new UdfOperator(new Numbers(31, 2, i -> {
      if (i == 30) {
        peakBeforePause[0] = stats.peakActors();
        sleep(700);
        liveAfterPause[0] = stats.liveActors();
      }
    }), node, ctx)) {
      VectorSchemaRoot b;
      while ((b = op.next()) != null) {
        b.close();
      }
    }
    assertTrue(peakBeforePause[0] > 1, "grew: " + stats);
    assertEquals(1, liveAfterPause[0], "idle actors retired down to the minimum: " + stats);
    assertEquals(0, stats.liveActors(), "all actors stopped at the end");
  }

  @Test
  void flakyFunctionSucceedsWithinMaxRetries() {
    long rows = run(new Numbers(5, 4, i -> {}), spec(Map.of("flaky", "true", "max_retries", "1", "concurrency", "1")),
        ctx(Map.of()));
    assertEquals(20, rows);
    assertEquals(10, CountingUdf.CALLS.get(), "each batch failed once and succeeded on its retry");
  }

  @Test
  void failingBatchNamesFunctionExceptionAndFile() {
    QuiverException e = assertThrows(QuiverException.class,
        () -> run(new Numbers(5, 4, i -> {}), spec(Map.of("fail_on", "9", "concurrency", "2")), ctx(Map.of())));
    assertTrue(e.getMessage().contains("counting"), e.getMessage());
    assertTrue(e.getMessage().contains("/data/file-2.bin"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot handle 9"), e.getMessage());
    QuiverException inline = assertThrows(QuiverException.class,
        () -> run(new Numbers(5, 4, i -> {}), spec(Map.of("fail_on", "13")), ctx(Map.of())));
    assertTrue(inline.getMessage().contains("/data/file-3.bin"), inline.getMessage());
  }

  @Test
  void skipDropsTheFailingBatchAndNullKeepsItsRows() {
    long rows = run(new Numbers(5, 4, i -> {}), spec(Map.of("fail_on", "9", "on_error", "skip", "concurrency", "2")),
        ctx(Map.of()));
    assertEquals(16, rows);
  }

  @Test
  void poolThatCanNeverBePlacedFailsAtOnce() {
    UdfSpec spec = spec(Map.of("num_gpus", "2"));
    UdfNode node = UdfNode.of(new ValuesNode(SCHEMA, List.of()), spec, new int[] {0},
        new Field("y", FieldType.nullable(new ArrowType.Int(32, true)), null));
    long start = System.nanoTime();
    QuiverException e = assertThrows(QuiverException.class, () -> PlanExecutor.execute(node, ctx(Map.of())));
    assertTrue(System.nanoTime() - start < 1_000_000_000L);
    assertTrue(e.getMessage().contains("counting") && e.getMessage().contains("num_gpus = 2.0")
        && e.getMessage().contains("no GPUs"), e.getMessage());
  }

  @Test
  void poolsLargerThanTheMachineAreCappedInsteadOfHanging() {
    // concurrency 8 with 1 CPU each on a 2-CPU budget: starts at what fits, never waits forever.
    long rows = run(new Numbers(10, 3, i -> {}), spec(Map.of("concurrency", "8", "num_cpus", "1")),
        ctx(Map.of("cpus", "2")));
    assertEquals(30, rows);
    assertTrue(CountingUdf.MAX_RUNNING.get() <= 2);
  }

  @Test
  void badOptionValuesAreRejected() {
    for (Map<String, String> bad : List.of(Map.of("concurrency", "4..1"), Map.of("concurrency", "x"),
        Map.of("num_cpus", "-1"), Map.of("on_error", "explode"), Map.of("batch_size", "ten"),
        Map.of("memory", "lots"))) {
      QuiverException e = assertThrows(QuiverException.class, () -> spec(bad));
      assertTrue(e.getMessage().contains("counting") && e.getMessage().contains(bad.keySet().iterator().next()),
          e.getMessage());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
