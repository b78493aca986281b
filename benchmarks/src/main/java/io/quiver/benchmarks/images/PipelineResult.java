package io.quiver.benchmarks.images;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One timed run of a pipeline: how many images in how long, and the accuracy per label (0..9) it
 * computed — which must be the same for every pipeline, since they run the same model on the same files.
 */
record PipelineResult(String name, long images, long nanos, double[] accuracy) {

  double imagesPerSecond() {
    return images / (nanos / 1e9);
  }

  /** Accuracy per label from correct and total counts. */
  static double[] accuracy(long[] correct, long[] total) {
    double[] a = new double[correct.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = total[i] == 0 ? Double.NaN : correct[i] / (double) total[i];
    }
    return a;
  }

  /** The line a child JVM prints for its parent: {@code RESULT|name|images|nanos|a0,a1,...}. */
  String toLine() {
    return "RESULT|" + name + "|" + images + "|" + nanos + "|"
        + Arrays.stream(accuracy).mapToObj(a -> String.format(Locale.ROOT, "%.6f", a)).collect(Collectors.joining(","));
  }

  /** Parses {@link #toLine()}; null when {@code line} is something else. */
  static PipelineResult fromLine(String line) {
    if (!line.startsWith("RESULT|")) {
      return null;
    }
    String[] p = line.split("\\|");
    double[] acc = Arrays.stream(p[4].split(",")).mapToDouble(Double::parseDouble).toArray();
    return new PipelineResult(p[1], Long.parseLong(p[2]), Long.parseLong(p[3]), acc);
  }

  String accuracyText() {
    return Arrays.stream(accuracy).mapToObj(a -> String.format(Locale.ROOT, "%.2f", a)).collect(Collectors.joining(" "));
  }
}
