package io.quiver.executor.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.runtime.QueryMemory;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillingSortTest {
  private static final long ROWS = 150_000;

  @TempDir
  Path spillDir;

  /** The ids in output order, and how many bytes the sort spilled. */
  private record Result(long[] ids, long spilled) {}

  private Result sort(String memoryLimit, List<SortKey> keys, long offset) {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = SpillTestData.ctx(allocator, spillDir, memoryLimit);
      SortNode node = new SortNode(new ValuesNode(SpillTestData.SCHEMA, List.of()), keys, offset, -1);
      long[] ids = new long[(int) (ROWS - offset)];
      int n = 0;
      try (BatchStream sort = new SortOperator(SpillTestData.rows(allocator, ROWS, 5000, 1000, 42), node, ctx)) {
        VectorSchemaRoot b;
        while ((b = sort.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            BigIntVector id = (BigIntVector) batch.getVector(0);
            for (int i = 0; i < batch.getRowCount(); i++) {
              ids[n++] = id.get(i);
            }
            if (memoryLimit != null && n > 0 && n < 20_000) {
              assertTrue(SpillTestData.filesIn(spillDir) > 0, "runs are on disk while merging");
            }
          }
        }
      }
      assertEquals(ids.length, n);
      assertEquals(0, SpillTestData.filesIn(spillDir), "spill files deleted when the sort closes");
      return new Result(ids, QueryMemory.of(ctx).spilledBytes());
    }
  }

  @Test
  void randomOrderSpillsAndMatchesTheInMemorySort() {
    List<SortKey> byRandom = List.of(new SortKey(2, false, false));
    Result inMemory = sort(null, byRandom, 0);
    Result spilled = sort("1m", byRandom, 0);
    assertEquals(0, inMemory.spilled());
    assertTrue(spilled.spilled() > ROWS * 20, "spilled most rows: " + spilled.spilled());
    assertArrayEquals(inMemory.ids(), spilled.ids());
  }

  @Test
  void stringKeysWithTiesAndDescendingAndOffset() {
    // s has 1000 distinct values (ties), broken by r descending; then skip 1234 rows
    List<SortKey> keys = List.of(new SortKey(3, false, false), new SortKey(2, true, false));
    Result inMemory = sort(null, keys, 1234);
    Result spilled = sort("2m", keys, 1234);
    assertTrue(spilled.spilled() > 0);
    assertArrayEquals(inMemory.ids(), spilled.ids());
  }

  @Test
  void manyRunsAreMergedInPasses() {
    // 256k budget: far more than SortedRuns.FAN_IN runs, so merging takes an extra pass
    List<SortKey> byK = List.of(new SortKey(1, false, false));
    Result inMemory = sort(null, byK, 0);
    Result spilled = sort("256k", byK, 0);
    assertArrayEquals(inMemory.ids(), spilled.ids());
  }
}
