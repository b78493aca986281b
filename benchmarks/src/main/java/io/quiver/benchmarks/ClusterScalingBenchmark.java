package io.quiver.benchmarks;

import io.quiver.benchmarks.cluster.LocalCluster;
import io.quiver.benchmarks.images.ImagePipelineSql;
import io.quiver.server.QuiverEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cluster's overhead (issue 5): the same queries on embedded Quiver, on a cluster of 1 worker JVM
 * and on one of 2 worker JVMs on this machine, in one run; prints each configuration's median and its
 * ratio to embedded. Target: 2 workers on one 2-core machine no slower than 1.3 x embedded.
 *
 * <p>Queries: the db-benchmark groupby questions ({@link GroupByQuery}, over the same generated Parquet
 * file as {@link GroupByBenchmark}) and the image pipeline ({@link ImagePipelineSql}, the example UDF jar
 * over the MNIST PNGs). Per query, each configuration gets {@code --warmups} untimed runs, then {@code
 * --runs} timed runs, the configurations taking turns, so they share the machine's load. Each cluster's
 * result is checked against embedded's (row count, and a sample of values as in the groupby benchmark).
 * Each timed run also records the CPU time of this JVM and of the workers.
 *
 * <p>Options: {@code --rows N} (groupby data, default 1e7), {@code --data DIR}, {@code --queries
 * q1,q3,images} (default all groupby questions and images), {@code --workers 1,2}, {@code --runs R}
 * (default 3), {@code --warmups W} (default 1), {@code --image-warmups W} (default 3: the UDF actors'
 * and kernels' JIT settles later), {@code --images DIR}, {@code --model FILE}, {@code --jar
 * FILE}. Run it with {@code benchmarks/run-cluster-scaling.sh}.
 */
public final class ClusterScalingBenchmark {
  /**
   * Extra flags for the worker JVMs: none. They inherit this JVM's flags, its heap limit included, so
   * each worker may use as much memory as embedded Quiver (q10's 10 million groups need ~3.5 GB).
   */
  private static final List<String> WORKER_JVM = List.of();

  private ClusterScalingBenchmark() {}

  /** One configuration under test: the engine (with its cluster, if any) and this query's timings. */
  private static final class Config {
    final String name;
    final QuiverRunner runner;
    final LocalCluster cluster;
    EngineTimings timings;
    final List<Double> cpuSeconds = new ArrayList<>();

    Config(String name, QuiverRunner runner, LocalCluster cluster) {
      this.name = name;
      this.runner = runner;
      this.cluster = cluster;
    }

    long cpuNanos() {
      long n = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
      if (cluster != null) {
        for (Process p : cluster.processes()) {
          n += p.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
      }
      return n;
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000L;
    Path dataDir = BenchmarkArgs.defaultDataDir();
    List<String> queries = new ArrayList<>();
    List<Integer> workerCounts = List.of(1, 2);
    int runs = 3;
    int warmups = 1;
    int imageWarmups = 3;
    Path shared = Path.of(System.getProperty("quiver.sharedData", "../shared/data"));
    Path images = shared.resolve("mnist/all");
    Path model = shared.resolve("mnist/model/model.pt");
    Path jar = Path.of("examples/mnist-udfs/target/mnist-udfs.jar");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--rows" -> rows = BenchmarkArgs.parseCount("--rows", v);
        case "--data" -> dataDir = Path.of(v);
        case "--queries" -> queries = Arrays.stream(v.split(",")).map(String::trim).map(String::toLowerCase).toList();
        case "--workers" -> workerCounts = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
        case "--runs" -> runs = (int) BenchmarkArgs.parseCount("--runs", v);
        case "--warmups" -> warmups = Integer.parseInt(v);
        case "--image-warmups" -> imageWarmups = Integer.parseInt(v);
        case "--images" -> images = Path.of(v);
        case "--model" -> model = Path.of(v);
        case "--jar" -> jar = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--rows N --data DIR "
            + "--queries q1,q3,images --workers 1,2 --runs R --warmups W --image-warmups W --images DIR --model FILE"
            + " --jar FILE)");
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
    }
    boolean withImages = queries.isEmpty() || queries.contains("images");
    List<String> groupByIds = queries.stream().filter(q -> !q.equals("images")).toList();
    List<GroupByQuery> groupBy = queries.isEmpty() || !groupByIds.isEmpty() ? GroupByQuery.select(groupByIds) : List.of();

    Path file = null;
    if (!groupBy.isEmpty()) {
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
        file = GroupByDataGenerator.ensure(duck, rows, dataDir);
      }
    }
    if (withImages && !Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with mvn -B -pl examples/mnist-udfs -am package");
    }
    System.out.printf("cluster scaling: embedded vs %s local worker JVMs (%d cores; workers advertise cores / N"
        + " CPUs each), %d warm-up + %d timed runs per configuration, taking turns, median reported%n",
        workerCounts, Runtime.getRuntime().availableProcessors(), warmups, runs);
    System.out.printf("load average at start: %s%n", loadAverage());

    List<Config> configs = new ArrayList<>();
    try {
      configs.add(new Config("embedded", new QuiverRunner("embedded", new QuiverEngine()), null));
      for (int n : workerCounts) {
        QuiverEngine engine = new QuiverEngine();
        String name = n + (n == 1 ? " worker" : " workers");
        LocalCluster cluster;
        try {
          cluster = LocalCluster.start(engine, n, WORKER_JVM);
        } catch (Exception e) {
          engine.close();
          throw e;
        }
        configs.add(new Config(name, new QuiverRunner(name, engine), cluster));
      }
      List<String[]> table = new ArrayList<>();
      for (GroupByQuery q : groupBy) {
        String table0 = "read_parquet(" + GroupByDataGenerator.quote(file.toString()) + ")";
        table.add(measure(q.id(), q.sql(table0), q.keyColumns(), configs, warmups, runs));
      }
      if (withImages) {
        for (Config c : configs) {
          ImagePipelineSql.setup(jar, model).forEach(c.runner::execute);
        }
        table.add(measure("images", ImagePipelineSql.accuracyQuery(images), 1, configs, imageWarmups, runs));
      }
      report(table, configs);
      System.out.printf("load average at end: %s%n", loadAverage());
    } finally {
      for (Config c : configs) {
        if (c.cluster != null) {
          c.cluster.close();
        }
        c.runner.close();
      }
    }
  }

  /** Runs one query on every configuration; returns its report row (id, ms per config, ratios, check). */
  private static String[] measure(String id, String sql, int keyColumns, List<Config> configs, int warmups,
      int runs) {
    for (Config c : configs) {
      c.timings = new EngineTimings(c.runner, null, keyColumns);
      c.cpuSeconds.clear();
      for (int w = 0; w < warmups; w++) {
        c.timings.run(sql, true); // untimed; each warm-up re-offers the same rows to the sample
      }
    }
    for (int r = 0; r < runs; r++) {
      for (Config c : configs) {
        long cpu0 = c.cpuNanos();
        c.timings.run(sql, false);
        c.cpuSeconds.add((c.cpuNanos() - cpu0) / 1e9);
      }
    }
    List<String> row = new ArrayList<>();
    row.add(id);
    EngineTimings embedded = configs.get(0).timings;
    StringBuilder progress = new StringBuilder(id + ":");
    List<String> checks = new ArrayList<>();
    double embeddedCpu = median(configs.get(0).cpuSeconds);
    for (Config c : configs) {
      EngineTimings t = c.timings;
      double cpu = median(c.cpuSeconds);
      row.add(t.ok() ? String.format(Locale.ROOT, "%.0f / %.1f", t.medianMillis(), cpu) : "n/a");
      progress.append(String.format(Locale.ROOT, "  %s %s ms (cpu %s s)", c.name,
          t.ok() ? String.format(Locale.ROOT, "%.0f", t.medianMillis()) : "failed: " + t.error(),
          c.cpuSeconds.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList()));
      if (c != configs.get(0)) {
        row.add(t.ok() && embedded.ok() ? String.format(Locale.ROOT, "%.2f / %.2f",
            t.medianMillis() / embedded.medianMillis(), cpu / embeddedCpu) : "-");
        String check = check(embedded, t);
        if (check != null) {
          checks.add(c.name + ": " + check);
        }
      }
    }
    row.add(checks.isEmpty() ? "ok" : "DIFF");
    System.out.println(progress);
    checks.forEach(ch -> System.out.println("  check " + ch));
    return row.toArray(new String[0]);
  }

  /** Null if {@code cluster} returned what {@code embedded} did (rows and sampled values), else what differs. */
  private static String check(EngineTimings embedded, EngineTimings cluster) {
    if (!embedded.ok() || !cluster.ok()) {
      return cluster.ok() ? null : "failed: " + cluster.error();
    }
    if (embedded.rows() != cluster.rows()) {
      return "embedded returned " + embedded.rows() + " rows, the cluster " + cluster.rows();
    }
    return embedded.sample().differences(cluster.sample(), "embedded", "cluster");
  }

  private static void report(List<String[]> rows, List<Config> configs) {
    System.out.println();
    System.out.println("ms / cpu s: median wall time / median CPU seconds of this JVM and the workers per run;"
        + " ratios: wall / CPU");
    List<String> header = new ArrayList<>(List.of("query"));
    for (Config c : configs) {
      header.add(c.name + " ms / cpu s");
      if (c != configs.get(0)) {
        header.add(c.name + " / embedded");
      }
    }
    header.add("check");
    StringBuilder fmt = new StringBuilder("%-8s");
    for (int i = 1; i < header.size(); i++) {
      fmt.append(" %").append(Math.max(10, header.get(i).length())).append("s");
    }
    String f = fmt.append("%n").toString();
    System.out.printf(f, header.toArray());
    for (String[] r : rows) {
      System.out.printf(f, (Object[]) r);
    }
    // Geometric mean of each cluster's ratios over the queries every configuration ran.
    StringBuilder geo = new StringBuilder("geometric mean of cluster / embedded (wall / CPU):");
    for (int c = 1; c < configs.size(); c++) {
      double[] logSum = new double[2];
      int n = 0;
      for (String[] r : rows) {
        String ratio = r[2 * c + 1]; // the row: id, embedded, then time and ratios per cluster
        if (!ratio.equals("-")) {
          String[] wallCpu = ratio.split(" / ");
          logSum[0] += Math.log(Double.parseDouble(wallCpu[0]));
          logSum[1] += Math.log(Double.parseDouble(wallCpu[1]));
          n++;
        }
      }
      geo.append(String.format(Locale.ROOT, "  %s %.2f / %.2f", configs.get(c).name,
          n == 0 ? Double.NaN : Math.exp(logSum[0] / n), n == 0 ? Double.NaN : Math.exp(logSum[1] / n)));
    }
    System.out.println(geo.append("  (target for 2 workers <= 1.30)"));
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
