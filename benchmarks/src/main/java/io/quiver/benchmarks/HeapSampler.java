package io.quiver.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the JVM's used heap every few milliseconds on a daemon thread, but only inside windows opened
 * with {@link #begin()} and closed with {@link #end()}, so the peak belongs to the engine measured then.
 * Samples miss spikes shorter than the interval and include garbage not yet collected: it is the heap
 * the process needed, not the live data.
 */
final class HeapSampler implements AutoCloseable {
  private static final long INTERVAL_MILLIS = 5;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean active;
  private volatile boolean stopped;
  private volatile long windowPeak;

  HeapSampler() {
    thread = new Thread(this::loop, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!stopped) {
      if (active) {
        sample();
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    windowPeak = Math.max(windowPeak, memory.getHeapMemoryUsage().getUsed());
  }

  /** Opens a window. */
  synchronized void begin() {
    windowPeak = 0;
    active = true;
    sample();
  }

  /** Closes the window (if open); returns its peak used heap in bytes. */
  synchronized long end() {
    if (active) {
      sample();
      active = false;
    }
    return windowPeak;
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
