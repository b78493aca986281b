package io.quiver.benchmarks.images;

import java.nio.file.Path;
import java.util.List;

/**
 * The image pipeline as SQL, exactly as the SPEC walk-through registers the example UDF jar: {@code
 * read_images} → {@code normalize} → {@code classify} (an actor pool, model loaded once per actor) →
 * per-label accuracy with GROUP BY. Shared by the image benchmark and the cluster scaling benchmark.
 */
public final class ImagePipelineSql {
  private ImagePipelineSql() {}

  /** The statements that register the two functions of {@code jar}. */
  public static List<String> setup(Path jar, Path model) {
    return List.of("CREATE FUNCTION normalize AS 'example.Normalize' USING JAR " + quote(jar),
        "CREATE FUNCTION classify AS 'example.MnistClassifier' USING JAR " + quote(jar)
            + " WITH (model_path = " + quote(model) + ", batch_size = 100, concurrency = '1..4', num_cpus = 1)");
  }

  /** The accuracy query over the images under {@code data}: one row per label, (label, accuracy). */
  public static String accuracyQuery(Path data) {
    return "SELECT label, AVG(CASE WHEN predicted_label = label THEN 1.0 ELSE 0.0 END) AS accuracy FROM ("
        + " SELECT CAST(split_part(path, '/', -2) AS INT) AS label, classify(normalize(image)) AS predicted_label"
        + " FROM read_images(" + quote(data) + ", include_paths => true)) AS preds"
        + " GROUP BY label ORDER BY label";
  }

  static String quote(Path p) {
    return "'" + p.toAbsolutePath().normalize().toString().replace("'", "''") + "'";
  }
}
