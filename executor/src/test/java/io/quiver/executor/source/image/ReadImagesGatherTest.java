package io.quiver.executor.source.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** read_images under a parallel gather: splits made by one source instance open in others. */
class ReadImagesGatherTest {
  @Test
  void parallelShuffledReadMatchesTheSequentialOrder() {
    Map<String, Object> args = Map.of("path", SourceTestSupport.sharedData().resolve("mnist/50_per_index").toString(),
        "include_paths", true, "shuffle", "files", "seed", 3L);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RootAllocator allocator = new RootAllocator()) {
      ExecContext ctx = new ExecContext(allocator, Map.of("batch_size", "50"), pool, null);
      TableSource source = Sources.create("read_images", args);
      List<String> sequential = new ArrayList<>();
      SourceTestSupport.scan(source, ScanSpec.all(source.schema()), ctx, b -> paths(b, sequential));

      ScanNode scan = new ScanNode("read_images", args, source.schema(), new int[] {0, 1}, List.of(), -1);
      List<String> gathered = new ArrayList<>();
      try (BatchStream s = PlanExecutor.execute(new GatherNode(scan, 2), ctx)) {
        for (VectorSchemaRoot b = s.next(); b != null; b = s.next()) {
          paths(b, gathered);
          b.close();
        }
      }
      assertEquals(500, gathered.size());
      assertEquals(sequential, gathered);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void paths(VectorSchemaRoot batch, List<String> out) {
    VarCharVector path = (VarCharVector) batch.getVector("path");
    for (int i = 0; i < batch.getRowCount(); i++) {
      out.add(path.getObject(i).toString());
    }
  }
}
