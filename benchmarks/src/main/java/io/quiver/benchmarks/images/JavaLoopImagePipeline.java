package io.quiver.benchmarks.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * The baselines: what a Java programmer writes by hand for the image pipeline. A plain loop decodes each
 * PNG with ImageIO, normalizes the pixels to {@code (p / 255 - 0.5) / 0.5}, classifies batches of 100
 * with DJL, and counts per-label hits; the two-thread version splits the files in two halves, one model
 * per thread (the ceiling of a 2-core machine). Timings include listing the files and loading the
 * model(s), as a query's do.
 *
 * <p>Run by {@link ImagePipelineBenchmark} in a child JVM whose class path has DJL (the parent, which
 * runs Quiver, must not: DJL's native libraries can be loaded by only one class loader per JVM, and the
 * Quiver run loads them from the UDF jar's own loader). Prints one {@link PipelineResult#toLine()} per
 * pipeline. Arguments: {@code --data DIR --model FILE --runs R --warmups W --max-warmups M} (each
 * pipeline gets W to M untimed runs right before its R timed ones, by the same rule as the Quiver
 * pipeline: {@link RunCosts#warmUp}).
 */
public final class JavaLoopImagePipeline {
  static final int BATCH = 100;
  private static final int PIXELS = 28 * 28;

  private JavaLoopImagePipeline() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(arg(args, "--data", "../shared/data/mnist/all"));
    Path model = Path.of(arg(args, "--model", "../shared/data/mnist/model/model.pt"));
    int runs = Integer.parseInt(arg(args, "--runs", "3"));
    int warmups = Integer.parseInt(arg(args, "--warmups", "2"));
    int maxWarmups = Integer.parseInt(arg(args, "--max-warmups", "10"));
    ImageIO.setUseCache(false); // ~2.5x faster decoding (NOTES.md)
    System.out.println(best(warmups, maxWarmups, runs, () -> singleThread(data, model)).toLine());
    System.out.println(best(warmups, maxWarmups, runs, () -> twoThreads(data, model)).toLine());
  }

  /** One thread, one model. */
  static PipelineResult singleThread(Path data, Path model) throws Exception {
    long start = System.nanoTime();
    LabeledImages images = LabeledImages.under(data); // a query lists its files too
    long[] correct = new long[10];
    long[] total = new long[10];
    classify(images, model, correct, total);
    return new PipelineResult("Java loop, 1 thread", images.size(), System.nanoTime() - start,
        PipelineResult.accuracy(correct, total));
  }

  /** Two threads, each with its own model, over the two halves of the files. */
  static PipelineResult twoThreads(Path data, Path model) throws Exception {
    long start = System.nanoTime();
    LabeledImages images = LabeledImages.under(data);
    int half = images.size() / 2;
    List<LabeledImages> parts = List.of(images.slice(0, half), images.slice(half, images.size()));
    long[][] correct = new long[2][10];
    long[][] total = new long[2][10];
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int part = t;
        done.add(threads.submit(() -> {
          classify(parts.get(part), model, correct[part], total[part]);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      threads.shutdownNow();
    }
    for (int label = 0; label < 10; label++) {
      correct[0][label] += correct[1][label];
      total[0][label] += total[1][label];
    }
    return new PipelineResult("Java loop, 2 threads", images.size(), System.nanoTime() - start,
        PipelineResult.accuracy(correct[0], total[0]));
  }

  /** Decode → normalize → batches of 100 → argmax → per-label counts, with one model. */
  static void classify(LabeledImages images, Path modelPath, long[] correct, long[] total) throws Exception {
    try (DigitModel model = new DigitModel(modelPath)) {
      float[] batch = new float[BATCH * PIXELS];
      int[] batchLabels = new int[BATCH];
      int n = 0;
      for (int i = 0; i < images.size(); i++) {
        decodeNormalized(images.files().get(i), batch, n * PIXELS);
        batchLabels[n++] = images.labels()[i];
        if (n == BATCH || i == images.size() - 1) {
          int[] predicted = model.classify(n == BATCH ? batch : Arrays.copyOf(batch, n * PIXELS));
          for (int k = 0; k < n; k++) {
            total[batchLabels[k]]++;
            correct[batchLabels[k]] += predicted[k] == batchLabels[k] ? 1 : 0;
          }
          n = 0;
        }
      }
    }
  }

  /** One 28x28 grayscale PNG into {@code out[offset ..]}, each pixel as {@code (p / 255 - 0.5) / 0.5}. */
  static void decodeNormalized(Path file, float[] out, int offset) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null || image.getWidth() != 28 || image.getHeight() != 28) {
      throw new IOException(file + " is not a 28x28 image");
    }
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int p = 0; p < PIXELS; p++) {
        out[offset + p] = ((pixels[p] & 0xFF) / 255f - 0.5f) / 0.5f;
      }
    } else {
      int[] samples = image.getRaster().getSamples(0, 0, 28, 28, 0, new int[PIXELS]);
      for (int p = 0; p < PIXELS; p++) {
        out[offset + p] = (samples[p] / 255f - 0.5f) / 0.5f;
      }
    }
  }

  /**
   * The fastest of {@code runs} runs, after {@code warmups} untimed ones (JIT, libtorch loading), and more
   * while the JIT is still busy ({@link RunCosts#warmUp}), {@code maxWarmups} at most.
   */
  static PipelineResult best(int warmups, int maxWarmups, int runs, PipelineRun run) throws Exception {
    String[] name = new String[1];
    int warmed = RunCosts.warmUp(warmups, maxWarmups, () -> name[0] = run.run().name());
    System.err.printf("  %s: %d warm-up runs%n", name[0], warmed);
    PipelineResult best = null;
    for (int i = 0; i < runs; i++) {
      RunCosts costs = RunCosts.start();
      PipelineResult r = run.run();
      System.err.printf("  %s: %.0f images/s (%s)%n", r.name(), r.imagesPerSecond(), costs.since());
      if (best == null || r.nanos() < best.nanos()) {
        best = r;
      }
    }
    return best;
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  /** A timed pipeline run. */
  @FunctionalInterface
  interface PipelineRun {
    PipelineResult run() throws Exception;
  }
}
