package io.quiver.benchmarks.images;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/** The same pipeline as SQL ({@link ImagePipelineSql}) in the embedded engine. */
final class QuiverImagePipeline implements AutoCloseable {
  private final QuiverEngine engine = new QuiverEngine();
  private final Session session = engine.newSession();
  private final Path data;

  /** Registers the two functions of {@code jar}; fails when the engine cannot (e.g. no UDF support yet). */
  QuiverImagePipeline(Path jar, Path model, Path data) {
    this.data = data;
    try {
      ImagePipelineSql.setup(jar, model).forEach(this::execute);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The accuracy query, end to end (reading, decoding, actors opening their models, aggregation). */
  String accuracyQuery() {
    return ImagePipelineSql.accuracyQuery(data);
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

  @Override
  public void close() {
    session.close();
    engine.close();
  }
}
