package io.quiver.executor.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster tasks over a folder of one big CSV file and many tiny ones (run here as PlanExecutor runs a
 * task: a {@link SplitShare} attached to the context) read near-equal numbers of rows, and together
 * exactly the rows of the scan, in its order.
 */
class SkewedShareScanTest {
  @TempDir
  Path dir;

  @Test
  void tasksOverABigFileAndTinyOnesReadNearEqualShares() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("skewed"));
    for (int f = 0; f < 40; f++) {
      Files.writeString(folder.resolve(String.format("a%02d.csv", f)), "id,name\n" + (1_000_000 + f) + ",tiny\n");
    }
    StringBuilder big = new StringBuilder("id,name\n");
    for (int i = 0; i < 40_000; i++) {
      big.append(i).append(",row ").append(i).append('\n');
    }
    Files.writeString(folder.resolve("m_big.csv"), big);
    for (int f = 0; f < 40; f++) {
      Files.writeString(folder.resolve(String.format("z%02d.csv", f)), "id,name\n" + (2_000_000 + f) + ",tiny\n");
    }
    Map<String, Object> args = Map.of("path", folder.toString());
    TableSource source = Sources.create("read_csv", args);
    ScanNode scan = new ScanNode("read_csv", args, source.schema(), new int[] {0}, List.of(), -1);
    Map<String, String> settings = Map.of("file_split_size", "32k", "batch_size", "1000");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator allocator = new RootAllocator()) {
      for (boolean gathered : new boolean[] {false, true}) {
        int tasks = 4;
        List<Long> all = new ArrayList<>();
        long[] rows = new long[tasks];
        for (int t = 0; t < tasks; t++) {
          ExecContext ctx = new ExecContext(allocator, settings, pool, null);
          SplitShare share = new SplitShare(t, tasks);
          ctx.attachment(SplitShare.class, () -> share);
          try (BatchStream s = PlanExecutor.execute(gathered ? new GatherNode(scan, 2) : scan, ctx)) {
            for (VectorSchemaRoot next = s.next(); next != null; next = s.next()) {
              try (VectorSchemaRoot b = next) {
                BigIntVector ids = (BigIntVector) b.getVector(0);
                for (int r = 0; r < b.getRowCount(); r++) {
                  all.add(ids.get(r));
                }
                rows[t] += b.getRowCount();
              }
            }
          }
        }
        List<Long> expected = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
          expected.add(1_000_000L + f);
        }
        for (long i = 0; i < 40_000; i++) {
          expected.add(i);
        }
        for (int f = 0; f < 40; f++) {
          expected.add(2_000_000L + f);
        }
        assertEquals(expected, all, "the tasks' rows in task order are the scan in file order");
        // Counting files, one task would read all 40,000 rows of the big file; by size each gets about a quarter.
        for (long r : rows) {
          assertTrue(r > 8_000 && r < 12_500, "rows per task: " + Arrays.toString(rows));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
