package io.quiver.executor.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * What an actor pool did: how many actors ran (in total and at most at once), how many batches they
 * computed, retried or gave up on, how busy they were (time in calls over time alive), and what a call
 * cost in wall time and in the calling thread's CPU time: a call whose wall time is far above its CPU time
 * waited for a core (too many runnable threads), one whose CPU time is high is expensive in itself.
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
  private final AtomicLong cpuNanos = new AtomicLong();
  /** Actors inside a call right now, and the pool's queue: live gauges for the shell's progress line. */
  private final AtomicInteger busy = new AtomicInteger();
  private volatile IntSupplier queueDepth = () -> 0;

  public void actorStarted() {
    started.incrementAndGet();
    peak.accumulateAndGet(live.incrementAndGet(), Math::max);
  }

  public void actorStopped(long aliveFor) {
    live.decrementAndGet();
    aliveNanos.addAndGet(aliveFor);
  }

  public void call(long nanos) {
    call(nanos, 0);
  }

  /** One call that took {@code nanos} of wall time and {@code cpu} nanoseconds of its thread's CPU time. */
  public void call(long nanos, long cpu) {
    calls.incrementAndGet();
    busyNanos.addAndGet(nanos);
    cpuNanos.addAndGet(cpu);
  }

  /** An actor started a call ({@link #callEnded()} follows, whatever the call's outcome). */
  public void callStarted() {
    busy.incrementAndGet();
  }

  public void callEnded() {
    busy.decrementAndGet();
  }

  /** Where {@link #queuedBatches()} reads the number of batches waiting for an actor. */
  public void watchQueue(IntSupplier depth) {
    queueDepth = depth;
  }

  /** Actors inside a call right now. */
  public int busyActors() {
    return busy.get();
  }

  /** Batches waiting for a free actor right now (the pool is the bottleneck while this stays above 0). */
  public int queuedBatches() {
    return queueDepth.getAsInt();
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

  /** Mean wall time of a call in milliseconds (0 without calls). */
  public double meanCallMillis() {
    long n = calls.get();
    return n == 0 ? 0 : busyNanos.get() / 1e6 / n;
  }

  /** Mean CPU time of a call's thread in milliseconds (0 without calls or where not measurable). */
  public double meanCallCpuMillis() {
    long n = calls.get();
    return n == 0 ? 0 : cpuNanos.get() / 1e6 / n;
  }

  @Override
  public String toString() {
    return "actors=" + actorsStarted() + " (peak " + peakActors() + ") calls=" + calls() + " busy="
        + Math.round(busyFraction() * 100) + "%"
        + String.format(java.util.Locale.ROOT, " per_call=%.1fms cpu=%.1fms", meanCallMillis(), meanCallCpuMillis())
        + (retries.get() > 0 ? " retries=" + retries.get() : "")
        + (failedBatches.get() > 0 ? " failed_batches=" + failedBatches.get() : "");
  }
}
