package io.quiver.executor.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What EXPLAIN ANALYZE reports for one plan node: rows and batches it produced and the time spent in
 * its {@code next()} (including its inputs'), summed over all copies of a gathered pipeline.
 */
public final class OperatorStats {
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong spilled = new AtomicLong();

  void record(long rowCount, long elapsedNanos) {
    if (rowCount >= 0) {
      rows.addAndGet(rowCount);
      batches.incrementAndGet();
    }
    nanos.addAndGet(elapsedNanos);
  }

  public long rows() {
    return rows.get();
  }

  public long batches() {
    return batches.get();
  }

  /** Adds bytes the operator wrote to spill files. */
  public void addSpilled(long bytes) {
    spilled.addAndGet(bytes);
  }

  /** Bytes the operator wrote to spill files. */
  public long spilledBytes() {
    return spilled.get();
  }

  public long millis() {
    return nanos.get() / 1_000_000;
  }

  @Override
  public String toString() {
    String s = "rows=" + rows() + " batches=" + batches() + " time=" + millis() + "ms";
    return spilledBytes() == 0 ? s : s + " spilled=" + spilledBytes();
  }
}
