package io.quiver.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;

/** Prints the benchmark's result table and the notes under it. */
final class ReportPrinter {
  private static final String ROW = "%-5s %-28s %10s %11s %11s %14s %7s %15s%n";

  private final PrintStream out;

  ReportPrinter(PrintStream out) {
    this.out = out;
  }

  /** One line per query as soon as it is done, so a long run shows progress. */
  void progress(QueryOutcome o) {
    out.printf("%s %s: %s; %s; check %s%n", o.query().id(), o.query().question(), brief(o.duck()),
        brief(o.quiver()), o.check());
    for (EngineTimings t : List.of(o.duck(), o.quiver())) {
      if (t.error() != null) {
        String message = t.error().replace("\n", "\n    ");
        out.println("  " + t.name() + ": " + (t == o.quiver() ? "not available: " : "failed: ") + message);
      }
    }
    if (o.checkDetail() != null) {
      out.println("  check: " + o.checkDetail());
    }
    out.flush();
  }

  private static String brief(EngineTimings t) {
    return t.ok() ? String.format("%s %.1f ms (%d rows)", t.name(), t.medianMillis(), t.rows())
        : t.name() + " n/a";
  }

  /** The table, the geometric mean of the ratios, memory, substitutes and check failures. */
  void table(List<QueryOutcome> outcomes, OptionalLong arrowPeak) {
    out.println();
    out.printf(ROW, "query", "question", "rows", "DuckDB ms", "Quiver ms", "Quiver/DuckDB", "check",
        "Quiver heap MB");
    double logSum = 0;
    int ratios = 0;
    for (QueryOutcome o : outcomes) {
      double ratio = o.ratio();
      if (!Double.isNaN(ratio)) {
        logSum += Math.log(ratio);
        ratios++;
      }
      long rows = o.duck().ok() ? o.duck().rows() : o.quiver().rows();
      out.printf(ROW, o.query().id() + (o.query().substitute() == null ? "" : "*"), o.query().question(),
          rows < 0 ? "-" : Long.toString(rows), millis(o.duck()), millis(o.quiver()),
          Double.isNaN(ratio) ? "-" : String.format("%.2f", ratio), o.check(),
          o.quiver().peakHeap() == 0 ? "-" : Long.toString(mb(o.quiver().peakHeap())));
    }
    long overallPeakHeap = outcomes.stream().mapToLong(o -> o.quiver().peakHeap()).max().orElse(0);
    out.println();
    out.println(ratios == 0
        ? "geometric mean of Quiver/DuckDB: - (no query ran on both engines)"
        : String.format("geometric mean of Quiver/DuckDB over %d queries: %.2f", ratios, Math.exp(logSum / ratios)));
    out.println(overallPeakHeap == 0
        ? "peak JVM heap during Quiver queries: - (no Quiver query succeeded)"
        : "peak JVM heap during Quiver queries: " + mb(overallPeakHeap) + " MB (used heap, sampled every 5 ms)");
    out.println(arrowPeak.isPresent()
        ? "peak Arrow allocation of the Quiver engine: " + mb(arrowPeak.getAsLong()) + " MB"
        : "peak Arrow allocation of the Quiver engine: - (the engine did not start)");
    boolean header = false;
    for (QueryOutcome o : outcomes) {
      if (o.query().substitute() != null) {
        if (!header) {
          out.println("* differs from db-benchmark's question, and runs the same SQL on both engines:");
          header = true;
        }
        out.println("  " + o.query().id() + ": " + o.query().substitute());
      }
    }
    for (QueryOutcome o : outcomes) {
      if (o.checkDetail() != null) {
        out.println("check " + o.query().id() + ": " + o.checkDetail());
      }
    }
    out.flush();
  }

  private static String millis(EngineTimings t) {
    return t.ok() ? String.format("%.1f", t.medianMillis()) : "-";
  }

  private static long mb(long bytes) {
    return Math.round(bytes / (1024.0 * 1024.0));
  }
}
