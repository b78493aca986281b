package io.quiver.executor.udf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The calling thread's CPU time, for EXPLAIN ANALYZE's per-call CPU figure; 0 where the JVM cannot tell. */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  private ThreadCpu() {}

  /** Nanoseconds of CPU the current thread has used (user + system), or 0. */
  static long now() {
    return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
