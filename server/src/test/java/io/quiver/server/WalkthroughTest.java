package io.quiver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * The SPEC §1 walk-through (examples/walkthrough.sql) in the embedded engine, with the real example UDF
 * jar (DJL's PyTorch engine): every statement runs, and the per-label accuracy is the model's on the 500
 * held-out images (the same numbers the example module's own DJL test computes).
 */
class WalkthroughTest {
  @Test
  void walkthroughRunsAndTheAccuracyIsTheModels() throws IOException {
    try (QuiverEngine engine = new QuiverEngine()) {
      check(engine);
    }
  }

  /** The same on the cluster scheduler with two in-process workers (stages, exchanges, tables on workers). */
  @Test
  void walkthroughRunsOnTwoWorkers() throws IOException {
    try (QuiverEngine engine = new QuiverEngine()) {
      try (io.quiver.server.cluster.InProcessCluster cluster = new io.quiver.server.cluster.InProcessCluster(engine, 2, 1)) {
        check(engine);
        assertEquals(0, cluster.storedBlocks(), "the session's tables and queries left no blocks");
      }
      assertEquals(0, engine.allocatedMemory());
    }
  }

  private static void check(QuiverEngine engine) throws IOException {
    List<String> statements = WalkthroughScript.statements();
    List<Double> accuracy = new ArrayList<>();
    long copied = -1;
    try (Session session = engine.newSession()) {
      for (String sql : statements) {
        try (StatementResult r = session.execute(sql)) {
          if (!r.hasRows()) {
            copied = sql.contains("COPY") ? r.updateCount() : copied;
            continue;
          }
          boolean isAccuracy = sql.contains("AS accuracy");
          VectorSchemaRoot b;
          while ((b = r.stream().next()) != null) {
            try (VectorSchemaRoot batch = b) {
              if (isAccuracy) {
                FieldVector acc = batch.getVector("accuracy");
                for (int i = 0; i < batch.getRowCount(); i++) {
                  accuracy.add(((Number) acc.getObject(i)).doubleValue());
                }
              }
            }
          }
        }
      }
    }
    assertEquals(500, copied, "COPY (SELECT * FROM preds) TO ... writes every prediction");
    assertEquals(10, accuracy.size());
    for (int label = 0; label < 10; label++) {
      assertEquals(WalkthroughScript.ACCURACY[label], accuracy.get(label), 1e-9, "accuracy of label " + label);
    }
  }
}
