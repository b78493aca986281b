package io.quiver.executor.operator;

import static io.quiver.executor.operator.HashJoinOperatorTest.LEFT;
import static io.quiver.executor.operator.HashJoinOperatorTest.RIGHT;
import static io.quiver.executor.operator.TestData.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.runtime.QueryMemory;
import io.quiver.executor.runtime.SpillFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grace hash join: under a memory budget far smaller than the build side, every join kind gives the
 * in-memory answer (duplicates on both sides, NULL keys, keys of different integer widths), spills, and
 * leaves no spill file and no Arrow memory behind.
 */
class SpillingJoinTest {
  private static final int LEFT_ROWS = 12_000;
  private static final int RIGHT_ROWS = 8_000;
  private static final int KEYS = 3_000;

  @TempDir
  Path spillDir;

  /** Keys in [0, keys) with about one NULL in eight (two key columns: a number and a short string). */
  static List<List<Object>> rows(int n, int keys, long seed, boolean left) {
    Random rnd = new Random(seed);
    List<List<Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Long k1 = rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(keys);
      String k2 = rnd.nextInt(8) == 0 ? null : "k" + rnd.nextInt(3);
      rows.add(left ? row(k1, k2, (long) i) : row(k1, k2, rnd.nextInt(7) == 0 ? null : i * 1.5));
    }
    return rows;
  }

  private record Outcome(List<String> rows, long spilled) {}

  private Outcome join(List<List<Object>> l, List<List<Object>> r, int[] keys, JoinKind kind, boolean residual,
      String memoryLimit) {
    long liveBefore = SpillFiles.liveFiles();
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = SpillTestData.ctx(allocator, spillDir, memoryLimit);
      TestData.ListStream left = TestData.stream(allocator, LEFT, l, 1000);
      TestData.ListStream right = TestData.stream(allocator, RIGHT, r, 1000);
      HashJoinNode node = new HashJoinNode(new ValuesNode(LEFT, List.of()), new ValuesNode(RIGHT, List.of()),
          keys, keys, kind, null, HashJoinOperatorTest.outputSchema(kind));
      List<String> out = new ArrayList<>();
      try (HashJoinOperator op = new HashJoinOperator(left, right, node, ctx,
          residual ? HashJoinOperatorTest.lvLessThanRv(allocator) : null)) {
        VectorSchemaRoot batch;
        while ((batch = op.next()) != null) {
          try (VectorSchemaRoot b = batch) {
            assertTrue(b.getRowCount() <= ctx.batchSize(), "batch of " + b.getRowCount());
            TestData.rows(b).forEach(x -> out.add(x.toString()));
          }
        }
      }
      assertTrue(left.closed && right.closed, "inputs closed");
      assertEquals(0, SpillTestData.filesIn(spillDir), "spill files deleted");
      assertEquals(liveBefore, SpillFiles.liveFiles());
      out.sort(null);
      return new Outcome(out, QueryMemory.of(ctx).spilledBytes());
    }
  }

  /** Checks every kind. */
  private void check(List<List<Object>> l, List<List<Object>> r, int[] keys, boolean residual, String limit) {
    check(l, r, keys, residual, limit, JoinKind.values());
  }

  /** Checks {@code kinds}; returns the bytes the FULL join spilled (0 if FULL is not among them). */
  private long check(List<List<Object>> l, List<List<Object>> r, int[] keys, boolean residual, String limit,
      JoinKind... kinds) {
    long fullSpilled = 0;
    for (JoinKind kind : kinds) {
      Outcome inMemory = join(l, r, keys, kind, residual, null);
      Outcome spilled = join(l, r, keys, kind, residual, limit);
      assertEquals(0, inMemory.spilled(), kind + " in memory");
      assertTrue(spilled.spilled() > 0, kind + " spilled");
      assertEquals(inMemory.rows().size(), spilled.rows().size(), kind + " row count");
      assertEquals(inMemory.rows(), spilled.rows(), kind.toString());
      if (kind == JoinKind.FULL) {
        fullSpilled = spilled.spilled();
      }
    }
    return fullSpilled;
  }

  @Test
  void everyKindSpillsAndGivesTheInMemoryAnswer() {
    check(rows(LEFT_ROWS, KEYS, 1, true), rows(RIGHT_ROWS, KEYS, 2, false), new int[] {0}, false, "256k");
  }

  @Test
  void twoKeyColumnsWithAResidualCondition() {
    check(rows(LEFT_ROWS, KEYS, 3, true), rows(RIGHT_ROWS, KEYS, 4, false), new int[] {0, 1}, true, "256k");
  }

  @Test
  void stringKeys() {
    check(rows(LEFT_ROWS, KEYS, 5, true), rows(RIGHT_ROWS, KEYS, 6, false), new int[] {1, 0}, false, "256k");
  }

  @Test
  void partitionsThatStillDoNotFitArePartitionedAgain() {
    // 24k: a sixteenth of the build side is still too big, so partitions split again with other hash bits
    List<List<Object>> l = rows(LEFT_ROWS, KEYS, 7, true);
    List<List<Object>> r = rows(RIGHT_ROWS, KEYS, 8, false);
    // (FULL has unmatched rows of both sides, ANTI the other kind of probe output: enough to keep it quick)
    long once = check(l, r, new int[] {0}, false, "256k", JoinKind.FULL);
    long again = check(l, r, new int[] {0}, false, "24k", JoinKind.FULL, JoinKind.ANTI);
    assertTrue(again > once * 3 / 2, "rows written again at the next level: " + once + " vs " + again);
  }

  @Test
  void manyNullKeysOnBothSidesSpreadOverPartitions() {
    // half the keys NULL: they can never match, and must neither pile up in one partition nor get lost
    List<List<Object>> l = rows(LEFT_ROWS, KEYS, 9, true);
    List<List<Object>> r = rows(RIGHT_ROWS, KEYS, 10, false);
    for (int i = 0; i < r.size(); i += 2) {
      r.set(i, row(null, r.get(i).get(1), r.get(i).get(2)));
      l.set(i, row(null, l.get(i).get(1), l.get(i).get(2)));
    }
    check(l, r, new int[] {0}, false, "64k");
  }

  @Test
  void aKeyTooFrequentToSplitFailsWithAClearError() {
    List<List<Object>> r = new ArrayList<>();
    for (int i = 0; i < RIGHT_ROWS; i++) {
      r.add(row(7L, "k", (double) i));
    }
    QuiverException e = assertThrows(QuiverException.class,
        () -> join(rows(100, 10, 11, true), r, new int[] {0}, JoinKind.INNER, false, "32k"));
    assertTrue(e.getMessage().contains("memory_limit"), e.getMessage());
    assertEquals(0, SpillTestData.filesIn(spillDir), "spill files deleted");
  }

  @Test
  void closingEarlyReleasesMemoryAndFiles() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = SpillTestData.ctx(allocator, spillDir, "256k");
      HashJoinNode node = new HashJoinNode(new ValuesNode(LEFT, List.of()), new ValuesNode(RIGHT, List.of()),
          new int[] {0}, new int[] {0}, JoinKind.FULL, null, HashJoinOperatorTest.outputSchema(JoinKind.FULL));
      try (HashJoinOperator op = new HashJoinOperator(
          TestData.stream(allocator, LEFT, rows(LEFT_ROWS, KEYS, 12, true), 1000),
          TestData.stream(allocator, RIGHT, rows(RIGHT_ROWS, KEYS, 13, false), 1000), node, ctx)) {
        op.next().close();
        assertTrue(SpillTestData.filesIn(spillDir) > 0, "partitions on disk while joining");
      }
      assertEquals(0, SpillTestData.filesIn(spillDir), "spill files deleted");
    }
  }
}
