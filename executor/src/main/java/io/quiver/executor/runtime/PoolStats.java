package io.quiver.executor.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an actor pool did: how many actors ran (in total and at most at once), how many batches they
 * computed, retried or gave up on, and how busy they were (time in calls over time alive).
 */
public final class PoolStats {
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger live = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();
  private final AtomicLong aliveNanos = new AtomicLong();

  public void actorStarted() {
    started.incrementAndGet();
    peak.accumulateAndGet(live.incrementAndGet(), Math::max);
  }

  public void actorStopped(long aliveFor) {
    live.decrementAndGet();
    aliveNanos.addAndGet(aliveFor);
  }

  public void call(long nanos) {
    calls.incrementAndGet();
    busyNanos.addAndGet(nanos);
  }

  public void retried() {
    retries.incrementAndGet();
  }

  public void failed() {
    failedBatches.incrementAndGet();
  }

  public int actorsStarted() {
    return started.get();
  }

  public int liveActors() {
    return live.get();
  }

  public int peakActors() {
    return peak.get();
  }

  public long calls() {
    return calls.get();
  }

  /** Time in calls over time alive, summed over actors, 0..1. */
  public double busyFraction() {
    long alive = aliveNanos.get();
    return alive == 0 ? 0 : Math.min(1.0, (double) busyNanos.get() / alive);
  }

  @Override
  public String toString() {
    return "actors=" + actorsStarted() + " (peak " + peakActors() + ") calls=" + calls() + " busy="
        + Math.round(busyFraction() * 100) + "%" + (retries.get() > 0 ? " retries=" + retries.get() : "")
        + (failedBatches.get() > 0 ? " failed_batches=" + failedBatches.get() : "");
  }
}
