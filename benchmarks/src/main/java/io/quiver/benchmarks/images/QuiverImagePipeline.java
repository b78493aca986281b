package io.quiver.benchmarks.images;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The same pipeline as SQL in the embedded engine, with the example UDF jar exactly as the SPEC
 * walk-through registers it: {@code read_images} → {@code normalize} → {@code classify} (an actor pool,
 * model loaded once per actor) → per-label accuracy with GROUP BY.
 */
final class QuiverImagePipeline implements AutoCloseable {
  private final QuiverEngine engine = new QuiverEngine();
  private final Session session = engine.newSession();
  private final Path data;

  /** Registers the two functions of {@code jar}; fails when the engine cannot (e.g. no UDF support yet). */
  QuiverImagePipeline(Path jar, Path model, Path data) {
    this.data = data;
    try {
      execute("CREATE FUNCTION normalize AS 'example.Normalize' USING JAR " + quote(jar));
      execute("CREATE FUNCTION classify AS 'example.MnistClassifier' USING JAR " + quote(jar)
          + " WITH (model_path = " + quote(model) + ", batch_size = 100, concurrency = '1..4', num_cpus = 1)");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The accuracy query, end to end (reading, decoding, actors opening their models, aggregation). */
  String accuracyQuery() {
    return "SELECT label, AVG(CASE WHEN predicted_label = label THEN 1.0 ELSE 0.0 END) AS accuracy FROM ("
        + " SELECT CAST(split_part(path, '/', -2) AS INT) AS label, classify(normalize(image)) AS predicted_label"
        + " FROM read_images(" + quote(data) + ", include_paths => true)) AS preds"
        + " GROUP BY label ORDER BY label";
  }

  /** Runs {@link #accuracyQuery()}; returns the accuracy per label 0..9. */
  double[] accuracyPerLabel() {
    double[] accuracy = new double[10];
    java.util.Arrays.fill(accuracy, Double.NaN);
    try (StatementResult r = session.execute(accuracyQuery())) {
      VectorSchemaRoot batch;
      while ((batch = r.stream().next()) != null) {
        try (VectorSchemaRoot b = batch) {
          for (int row = 0; row < b.getRowCount(); row++) {
            int label = ((Number) b.getVector(0).getObject(row)).intValue();
            accuracy[label] = ((Number) b.getVector(1).getObject(row)).doubleValue();
          }
        }
      }
    }
    return accuracy;
  }

  private void execute(String sql) {
    try (StatementResult r = session.execute(sql)) {
      if (r.hasRows()) {
        VectorSchemaRoot b;
        while ((b = r.stream().next()) != null) {
          b.close();
        }
      }
    }
  }

  private static String quote(Path p) {
    return "'" + p.toAbsolutePath().normalize().toString().replace("'", "''") + "'";
  }

  @Override
  public void close() {
    session.close();
    engine.close();
  }
}
