package io.quiver.executor.operator;

import static io.quiver.executor.operator.HashAggregateOperatorTest.CALLS;
import static io.quiver.executor.operator.HashAggregateOperatorTest.INPUT;
import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.ValuesNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two-phase aggregation on worker threads agrees with the one-phase reference, and fails cleanly. */
class ParallelPartialAggregationTest {
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** Runs the two-phase aggregation of {@code rows} cut into {@code splits} splits. */
  static List<List<Object>> run(List<List<Object>> rows, int[] keys, List<AggCall> calls, int splits,
      int parallelism, IntFunction<BatchStream> override) {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = new ExecContext(allocator, Map.of("batch_size", "100"), pool, null);
      Schema out = HashAggregateOperatorTest.outputSchema(keys, calls);
      AggregateNode partial = new AggregateNode(new ValuesNode(INPUT, List.of()), keys, calls, out,
          AggregateNode.Phase.PARTIAL);
      int per = (rows.size() + splits - 1) / Math.max(1, splits);
      IntFunction<BatchStream> pipeline = override != null ? override
          : s -> stream(allocator, INPUT, rows.subList(Math.min(rows.size(), s * per),
              Math.min(rows.size(), (s + 1) * per)), 77);
      ParallelPartialAggregation source = new ParallelPartialAggregation(splits, pipeline, partial, parallelism, ctx);
      return drain(new HashAggregateOperator(partial, ctx, source));
    }
  }

  /** Every aggregate but ANY_VALUE, whose pick legitimately depends on which worker saw a group first. */
  static final List<AggCall> DETERMINED = CALLS.stream().filter(c -> !c.function().equals(AggCall.ANY_VALUE)).toList();

  void check(int[] keys, int rows, int splits, int parallelism) {
    List<List<Object>> data = HashAggregateOperatorTest.randomRows(rows, rows * 17L + splits);
    HashAggregateOperatorTest.assertSameGroups(HashAggregateOperatorTest.reference(data, keys, DETERMINED),
        run(data, keys, DETERMINED, splits, parallelism, null), keys.length);
  }

  @Test
  void agreesWithTheReferenceForEveryAggregate() {
    check(new int[] {0}, 3000, 7, 2);
    check(new int[] {0, 1, 2}, 3000, 5, 3);
    check(new int[] {6}, 800, 4, 2);
  }

  @Test
  void noKeysGivesOneRowEvenWithoutSplits() {
    check(new int[] {}, 1000, 6, 2);
    List<List<Object>> none = run(List.of(), new int[] {}, CALLS, 0, 2, null);
    assertEquals(1, none.size());
    assertEquals(0L, none.get(0).get(0));
  }

  @Test
  void moreWorkersThanSplitsAndOneWorker() {
    check(new int[] {0}, 500, 1, 4);
    check(new int[] {1}, 2000, 9, 1);
  }

  @Test
  void manyGroupsAreHandedOverToTheFinalTable() {
    List<List<Object>> data = new java.util.ArrayList<>();
    int n = (int) ParallelPartialAggregation.ADAPT_ROWS * 3;
    for (int r = 0; r < n; r++) {
      data.add(row("k" + (r % (n - 5)), (long) (r % 3), null, (long) r, (double) r, null, null, null, null, null));
    }
    List<AggCall> calls = List.of(new AggCall(AggCall.SUM, 3, INT64, "s"), new AggCall(AggCall.COUNT_STAR, -1, INT64, "n"));
    HashAggregateOperatorTest.assertSameGroups(HashAggregateOperatorTest.reference(data, new int[] {0}, calls),
        run(data, new int[] {0}, calls, 6, 2, null), 1);
  }

  @Test
  void resultsAndOrderAreTheSameOnEveryRun() {
    List<List<Object>> data = HashAggregateOperatorTest.randomRows(4000, 5);
    List<List<Object>> first = run(data, new int[] {0, 1}, CALLS, 8, 2, null);
    for (int i = 0; i < 3; i++) {
      assertEquals(first, run(data, new int[] {0, 1}, CALLS, 8, 2, null));
    }
  }

  @Test
  void aFailingSplitFailsTheQueryWithoutLeaking() {
    List<List<Object>> data = HashAggregateOperatorTest.randomRows(1000, 9);
    List<AggCall> sum = List.of(new AggCall(AggCall.SUM, 3, INT64, "s"));
    QuiverException e = assertThrows(QuiverException.class, () -> run(data, new int[] {0}, sum, 6, 2, s -> {
      if (s == 3) {
        throw new QuiverException("split 3 is broken");
      }
      return new PreparedEmptyStream(INPUT);
    }));
    assertEquals("split 3 is broken", e.getMessage());
  }

  /** A pipeline without rows. */
  private record PreparedEmptyStream(Schema schema) implements BatchStream {
    @Override
    public org.apache.arrow.vector.VectorSchemaRoot next() {
      return null;
    }

    @Override
    public void close() {}
  }
}
