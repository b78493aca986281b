package io.quiver.benchmarks.images;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What one run cost its JVM besides wall time: process CPU time (all threads: the pipeline's, the JIT
 * compiler's, the GC's) and the time the JIT compilers spent. Printed next to every run: wall time
 * depends on what else the machine runs, CPU time much less, and a run whose JIT time is high was not
 * warmed up yet.
 */
final class RunCosts {
  private final long cpuNanos = processCpuNanos();
  private final long jitMillis = jitMillis();
  private final long gcMillis = gcMillis();

  /** Starts measuring now. */
  static RunCosts start() {
    return new RunCosts();
  }

  /**
   * Runs {@code run} {@code min} times, then again while the JIT compilers were busy for more than a
   * tenth of the last run's wall time, {@code max} times at most; returns how many runs that took. The
   * timed runs that follow then measure the pipeline rather than the JIT still compiling it: the engine
   * has much more code than a loop (planner, expression kernels, operators), and C2 compiles some of it
   * (e.g. a CASE kernel, ~2 s of compiler time under load) only after several queries.
   */
  static int warmUp(int min, int max, java.util.concurrent.Callable<?> run) throws Exception {
    int done = 0;
    while (done < Math.max(min, 1) || done < max) {
      long start = System.nanoTime();
      RunCosts costs = start();
      run.call();
      done++;
      long wallMillis = (System.nanoTime() - start) / 1_000_000;
      if (done >= min && costs.jitMillisSince() * 10 <= wallMillis) {
        break;
      }
    }
    return done;
  }

  /** JIT compilation time since {@link #start()}, in milliseconds (0 when the JVM does not tell). */
  long jitMillisSince() {
    return jitMillis() - jitMillis;
  }

  /** {@code cpu 1.93 s, jit 120 ms, gc 40 ms} since {@link #start()}. */
  String since() {
    return String.format(Locale.ROOT, "cpu %.2f s, jit %d ms, gc %d ms",
        (processCpuNanos() - cpuNanos) / 1e9, jitMillisSince(), gcMillis() - gcMillis);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
