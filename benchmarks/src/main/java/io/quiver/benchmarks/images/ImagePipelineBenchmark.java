package io.quiver.benchmarks.images;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Issue 3's image benchmark: images/s of the Quiver SQL pipeline next to a single-threaded and a
 * two-thread hand-written Java loop over the same 10,000 MNIST PNGs, and the ratio Quiver / two threads
 * (target ≥ 0.8). Also checks that all pipelines computed the same per-label accuracy.
 *
 * <p>Two JVMs, on purpose. The loops use DJL directly, so they run in a child JVM whose class path adds
 * DJL ({@code -Dquiver.bench.djlClasspath}, written by the build to
 * {@code benchmarks/target/djl-classpath.txt}). This JVM, which runs Quiver, has no DJL on its class path:
 * the engine must load DJL from the UDF jar through its own class loader, as for a user, so class loader
 * bugs are not hidden — and one JVM cannot load libtorch from two class loaders anyway.
 *
 * <p>Arguments: {@code --data DIR} (default {@code ../shared/data/mnist/all}), {@code --model FILE},
 * {@code --jar FILE} (default {@code examples/mnist-udfs/target/mnist-udfs.jar}), {@code --runs R}
 * (timed runs each, best counts; default 3), {@code --warmups W} (untimed runs of each pipeline right
 * before its timed runs; default 2), {@code --max-warmups M} (more untimed runs while the JIT is still
 * busy, up to M in all, the same rule for every pipeline: {@link RunCosts#warmUp}; default 10),
 * {@code --skip-loops}. Every timed run also prints its process CPU, JIT and GC time.
 */
public final class ImagePipelineBenchmark {
  private ImagePipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(System.getProperty("quiver.sharedData", "../shared/data"));
    Path data = Path.of(JavaLoopImagePipeline.arg(args, "--data", shared.resolve("mnist/all").toString()));
    Path model = Path.of(JavaLoopImagePipeline.arg(args, "--model", shared.resolve("mnist/model/model.pt").toString()));
    Path jar = Path.of(JavaLoopImagePipeline.arg(args, "--jar", "examples/mnist-udfs/target/mnist-udfs.jar"));
    int runs = Integer.parseInt(JavaLoopImagePipeline.arg(args, "--runs", "3"));
    int warmups = Integer.parseInt(JavaLoopImagePipeline.arg(args, "--warmups", "2"));
    int maxWarmups = Integer.parseInt(JavaLoopImagePipeline.arg(args, "--max-warmups", "10"));
    int images = LabeledImages.under(data).size();
    System.out.printf("image pipeline over %d images in %s (model %s), best of %d runs after %d-%d warm-ups each"
        + " (more while the JIT is busy)%n", images, data, model, runs, warmups, Math.max(warmups, maxWarmups));

    List<PipelineResult> results = new ArrayList<>();
    if (!Arrays.asList(args).contains("--skip-loops")) {
      results.addAll(javaLoopsInChildJvm(data, model, runs, warmups, maxWarmups));
    }
    PipelineResult quiver = null;
    try {
      quiver = quiver(jar, model, data, images, runs, warmups, maxWarmups);
      results.add(quiver);
    } catch (Exception | LinkageError e) {
      System.out.println("Quiver: not available (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")");
    }
    report(results, quiver);
  }

  /**
   * The hook where the Quiver SQL pipeline is timed: registers the UDF jar, runs the accuracy query
   * {@code warmups} times untimed (as each loop gets), then {@code runs} timed runs through {@link #timed}.
   */
  static PipelineResult quiver(Path jar, Path model, Path data, int images, int runs, int warmups, int maxWarmups)
      throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with mvn -B -pl examples/mnist-udfs -am package");
    }
    warnIfDjlIsOnTheClassPath();
    try (QuiverImagePipeline pipeline = new QuiverImagePipeline(jar, model, data)) {
      // warm-up: planning, JIT, libtorch loading in the UDF jar's loader
      int warmed = RunCosts.warmUp(Math.max(1, warmups), maxWarmups, pipeline::accuracyPerLabel);
      System.err.printf("  Quiver SQL: %d warm-up runs%n", warmed);
      PipelineResult best = null;
      for (int i = 0; i < runs; i++) {
        RunCosts costs = RunCosts.start();
        PipelineResult r = timed("Quiver SQL", images, pipeline::accuracyPerLabel);
        System.err.printf("  %s: %.0f images/s (%s)%n", r.name(), r.imagesPerSecond(), costs.since());
        best = best == null || r.nanos() < best.nanos() ? r : best;
      }
      return best;
    }
  }

  /** Times one run of {@code pipeline}, which returns the accuracy per label. */
  static PipelineResult timed(String name, long images, Callable<double[]> pipeline) throws Exception {
    long start = System.nanoTime();
    double[] accuracy = pipeline.call();
    return new PipelineResult(name, images, System.nanoTime() - start, accuracy);
  }

  /** Runs {@link JavaLoopImagePipeline} in a child JVM with DJL on its class path; parses its results. */
  static List<PipelineResult> javaLoopsInChildJvm(Path data, Path model, int runs, int warmups, int maxWarmups)
      throws Exception {
    String djl = System.getProperty("quiver.bench.djlClasspath", "");
    if (djl.isBlank()) {
      throw new IllegalStateException("set -Dquiver.bench.djlClasspath (benchmarks/run-images.sh does) to run the Java loops");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // same flags and heap
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator + djl);
    command.add(JavaLoopImagePipeline.class.getName());
    command.addAll(List.of("--data", data.toString(), "--model", model.toString(), "--runs", Integer.toString(runs),
        "--warmups", Integer.toString(warmups), "--max-warmups", Integer.toString(maxWarmups)));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<PipelineResult> results = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        PipelineResult r = PipelineResult.fromLine(line);
        if (r != null) {
          results.add(r);
        } else {
          System.out.println(line);
        }
      }
    }
    if (child.waitFor() != 0) {
      throw new IllegalStateException("the Java-loop JVM failed with exit code " + child.exitValue());
    }
    return results;
  }

  static void report(List<PipelineResult> results, PipelineResult quiver) {
    System.out.println();
    System.out.printf("%-22s %12s   %s%n", "pipeline", "images/s", "accuracy per label 0..9");
    for (PipelineResult r : results) {
      System.out.printf(Locale.ROOT, "%-22s %12.0f   %s%n", r.name(), r.imagesPerSecond(), r.accuracyText());
    }
    PipelineResult twoThreads = results.stream().filter(r -> r.name().contains("2 threads")).findFirst().orElse(null);
    if (quiver != null && twoThreads != null) {
      System.out.printf(Locale.ROOT, "Quiver / two-thread loop: %.2f (target >= 0.80)%n",
          quiver.imagesPerSecond() / twoThreads.imagesPerSecond());
    }
    for (PipelineResult r : results) {
      if (!Arrays.equals(round(r.accuracy()), round(results.get(0).accuracy()))) {
        System.out.println("MISMATCH: " + r.name() + " computed other accuracies than " + results.get(0).name());
      }
    }
  }

  private static double[] round(double[] a) {
    return Arrays.stream(a).map(x -> Math.round(x * 1e4) / 1e4).toArray();
  }

  /** The Quiver run must get DJL from the UDF jar only; with DJL here it would prove nothing. */
  private static void warnIfDjlIsOnTheClassPath() {
    try {
      Class.forName("ai.djl.engine.Engine", false, ImagePipelineBenchmark.class.getClassLoader());
      System.out.println("WARNING: DJL is on the engine JVM's class path; the Quiver run does not test UDF class loader isolation");
    } catch (ClassNotFoundException expected) {
      // as it should be
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
