package io.quiver.executor.operator.agg;

import java.util.Arrays;

/** Growth of per-group state arrays: at least doubling, so growing group by group stays linear. */
final class Capacity {
  private Capacity() {}

  static int next(int current, int needed) {
    return Math.max(needed, Math.max(16, current * 2));
  }

  static long[] grow(long[] a, int needed) {
    return a.length >= needed ? a : Arrays.copyOf(a, next(a.length, needed));
  }

  static double[] grow(double[] a, int needed) {
    return a.length >= needed ? a : Arrays.copyOf(a, next(a.length, needed));
  }

  static boolean[] grow(boolean[] a, int needed) {
    return a.length >= needed ? a : Arrays.copyOf(a, next(a.length, needed));
  }

  static byte[][] grow(byte[][] a, int needed) {
    return a.length >= needed ? a : Arrays.copyOf(a, next(a.length, needed));
  }
}
