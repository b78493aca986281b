package io.quiver.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One engine's runs of one query: the warm-up (which also fills the result sample), the timed runs, the
 * row count, and the first failure, after which the engine sits out the rest of this query.
 */
final class EngineTimings {
  private final EngineRunner runner;
  private final HeapSampler heap;
  private final ResultSample sample;
  private final List<Double> millis = new ArrayList<>();
  private long rows = -1;
  private String rowsNote;
  private String error;
  private long peakHeap;

  /** {@code heap} may be null: then this engine's heap is not sampled. */
  EngineTimings(EngineRunner runner, HeapSampler heap, int keyColumns) {
    this.runner = runner;
    this.heap = heap;
    this.sample = new ResultSample(keyColumns);
  }

  /** Runs {@code sql} once, unless an earlier run failed; a warm-up run is sampled and not timed. */
  void run(String sql, boolean warmUp) {
    if (error != null) {
      return;
    }
    // Outside the timing, before every run of either engine: each run starts from a collected heap, so
    // neither the time nor the heap peak pays for the other engine's garbage.
    System.gc();
    // The warm-up's heap is not sampled: its result sampling allocates objects the engine does not.
    boolean sampleHeap = heap != null && !warmUp;
    if (sampleHeap) {
      heap.begin();
    }
    try {
      long start = System.nanoTime();
      long n = runner.run(sql, warmUp ? sample : null);
      double ms = (System.nanoTime() - start) / 1e6;
      if (sampleHeap) {
        peakHeap = Math.max(peakHeap, heap.end());
      }
      if (!warmUp) {
        millis.add(ms);
      }
      if (rows >= 0 && n != rows && rowsNote == null) {
        rowsNote = runner.name() + " returned " + rows + " rows, then " + n;
      }
      rows = n;
    } catch (Exception | Error e) {
      error = message(e);
    } finally {
      if (sampleHeap) {
        heap.end(); // a no-op if already ended above; a failed run's peak is not reported
      }
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.toString() : m.strip();
  }

  String name() {
    return runner.name();
  }

  /** True if every run so far succeeded and there was at least one timed run. */
  boolean ok() {
    return error == null && !millis.isEmpty();
  }

  String error() {
    return error;
  }

  /** The median of the timed runs in milliseconds, or NaN if there is none. */
  double medianMillis() {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  long rows() {
    return rows;
  }

  /** Set if the same engine returned different row counts on different runs of the same query. */
  String rowsNote() {
    return rowsNote;
  }

  ResultSample sample() {
    return sample;
  }

  /** The peak used heap during this engine's successful timed runs of the query, in bytes (0 if none). */
  long peakHeap() {
    return peakHeap;
  }
}
