package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.sort.ParallelGather;
import io.quiver.executor.vector.Batches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ParallelGatherTest {
  private static final Schema SCHEMA = TestData.schema("a", TestData.INT64, "s", TestData.UTF8, "d", TestData.FLOAT8,
      "t", TestData.UTF8, "i", TestData.INT32);
  private static final int ROWS = 20_000;

  private static List<List<Object>> rows() {
    Random rnd = new Random(1);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(row(rnd.nextInt(9) == 0 ? null : (long) i, "s" + rnd.nextInt(1000), rnd.nextDouble(),
          rnd.nextInt(5) == 0 ? null : "a longer string value " + i, i));
    }
    return rows;
  }

  private static int[] shuffled() {
    int[] order = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      order[i] = i;
    }
    Random rnd = new Random(2);
    for (int i = ROWS - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static void check(ExecutorService pool, String threads) {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = new ExecContext(allocator, Map.of("threads", threads), pool, null);
      int[] order = shuffled();
      try (VectorSchemaRoot src = TestData.batch(allocator, SCHEMA, rows());
          VectorSchemaRoot expected = Batches.take(src, order, ROWS - 7, allocator);
          VectorSchemaRoot actual = ParallelGather.take(src, order, ROWS - 7, ctx)) {
        assertEquals(TestData.rows(expected), TestData.rows(actual));
        assertEquals(SCHEMA.getFields().stream().map(f -> f.getName()).toList(),
            actual.getSchema().getFields().stream().map(f -> f.getName()).toList());
      }
    }
  }

  @Test
  void columnsGatheredOnThePoolEqualTheSerialGather() {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      check(pool, "4");
      check(pool, "1");
      check(null, "4");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBusyPoolDoesNotBlockTheCaller() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.submit(() -> {
        release.await();
        return null;
      });
      // the only pool thread is stuck: the caller gathers every column itself and does not wait
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(pool, "2"));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
