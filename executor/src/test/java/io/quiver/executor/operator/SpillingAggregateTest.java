package io.quiver.executor.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.runtime.QueryMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingAggregateTest {
  private static final long ROWS = 120_000;
  private static final long GROUPS = 30_000;
  /** Aggregates whose results do not depend on the order rows are added in. */
  private static final List<AggCall> CALLS = List.of(
      new AggCall(AggCall.COUNT_STAR, -1, TestData.INT64, "n"),
      new AggCall(AggCall.SUM, 0, TestData.INT64, "sum_id"),
      new AggCall(AggCall.MIN, 3, TestData.UTF8, "min_s"),
      new AggCall(AggCall.MAX, 2, TestData.FLOAT8, "max_r"),
      new AggCall(AggCall.AVG, 0, TestData.FLOAT8, "avg_id"));
  private static ExecutorService pool;

  @TempDir
  Path spillDir;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  private record Result(Map<List<Object>, List<Object>> groups, long spilled) {}

  private Result aggregate(String memoryLimit, int[] keys, int splits) {
    try (BufferAllocator allocator = new RootAllocator()) {
      Map<String, String> settings = new HashMap<>(Map.of("batch_size", "4096", "spill_dir", spillDir.toString()));
      if (memoryLimit != null) {
        settings.put("memory_limit", memoryLimit);
      }
      ExecContext ctx = new ExecContext(allocator, settings, pool, null);
      List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
      for (int k : keys) {
        fields.add(SpillTestData.SCHEMA.getFields().get(k));
      }
      CALLS.forEach(c -> fields.add(TestData.field(c.name(), c.type())));
      Schema out = new Schema(fields);
      BatchStream op;
      if (splits == 0) {
        AggregateNode node = new AggregateNode(new ValuesNode(SpillTestData.SCHEMA, List.of()), keys, CALLS, out);
        op = new HashAggregateOperator(SpillTestData.rows(allocator, ROWS, 3000, GROUPS, 7), node, ctx);
      } else {
        AggregateNode partial = new AggregateNode(new ValuesNode(SpillTestData.SCHEMA, List.of()), keys, CALLS, out,
            AggregateNode.Phase.PARTIAL);
        long per = ROWS / splits;
        // each split a shuffled share of the ids, so all workers see most keys
        op = new HashAggregateOperator(partial, ctx, new ParallelPartialAggregation(splits,
            s -> SpillTestData.rows(allocator, per, 3000, GROUPS, 100 + s), partial, 2, ctx));
      }
      Map<List<Object>, List<Object>> groups = new HashMap<>();
      for (List<Object> row : TestData.drain(op)) {
        List<Object> key = new ArrayList<>(row.subList(0, keys.length));
        List<Object> prev = groups.put(key, row.subList(keys.length, row.size()));
        assertEquals(null, prev, "group " + key + " emitted twice");
      }
      assertEquals(0, SpillTestData.filesIn(spillDir), "spill files deleted");
      return new Result(groups, QueryMemory.of(ctx).spilledBytes());
    }
  }

  private void check(int[] keys, int splits) {
    Result inMemory = aggregate(null, keys, splits);
    Result spilled = aggregate("512k", keys, splits);
    assertEquals(0, inMemory.spilled());
    assertTrue(spilled.spilled() > 0, "spilled");
    assertEquals(inMemory.groups().size(), spilled.groups().size());
    assertEquals(inMemory.groups(), spilled.groups());
  }

  @Test
  void oneTableSpillsRowsOfNewKeysAndAggregatesThemByPartition() {
    check(new int[] {1}, 0);
  }

  @Test
  void stringKeys() {
    check(new int[] {3}, 0);
  }

  @Test
  void twoPhaseParallelAggregationSpills() {
    check(new int[] {1, 3}, 4);
  }

  @Test
  void partitionsThatStillDoNotFitSpillAgain() {
    // 64k: partitions of the first spill exceed the budget too and are split again
    Result inMemory = aggregate(null, new int[] {1}, 0);
    Result spilled = aggregate("64k", new int[] {1}, 0);
    assertEquals(inMemory.groups(), spilled.groups());
  }
}
