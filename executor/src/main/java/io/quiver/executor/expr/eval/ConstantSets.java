package io.quiver.executor.expr.eval;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;

/** Small open-addressing sets of constants for {@code IN}, probed without allocating per row. */
final class ConstantSets {
  private ConstantSets() {}

  /** A set of longs (integers, or doubles via {@link Hashing#doubleKey}). */
  static final class Longs {
    private final long[] keys;
    private final boolean[] used;
    private final int mask;

    Longs(long[] values) {
      int cap = Integer.highestOneBit(Math.max(4, values.length * 2) - 1) << 1;
      keys = new long[cap];
      used = new boolean[cap];
      mask = cap - 1;
      for (long v : values) {
        int i = slot(v);
        while (used[i] && keys[i] != v) {
          i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = v;
      }
    }

    private int slot(long v) {
      return (int) Hashing.mix(v) & mask;
    }

    boolean contains(long v) {
      int i = slot(v);
      while (used[i]) {
        if (keys[i] == v) {
          return true;
        }
        i = (i + 1) & mask;
      }
      return false;
    }
  }

  /** A set of byte strings, probed with a range of an Arrow buffer. */
  static final class Bytes {
    private final byte[][][] buckets;
    private final int mask;

    Bytes(byte[][] values) {
      int cap = Integer.highestOneBit(Math.max(4, values.length * 2) - 1) << 1;
      buckets = new byte[cap][][];
      mask = cap - 1;
      for (byte[] v : values) {
        int i = (int) Hashing.bytes(v) & mask;
        byte[][] b = buckets[i] == null ? new byte[0][] : buckets[i];
        b = Arrays.copyOf(b, b.length + 1);
        b[b.length - 1] = v;
        buckets[i] = b;
      }
    }

    boolean contains(ArrowBuf buf, int start, int end) {
      byte[][] b = buckets[(int) Hashing.bytes(buf, start, end) & mask];
      if (b == null) {
        return false;
      }
      for (byte[] v : b) {
        if (v.length == end - start && ByteFunctionHelpers.compare(buf, start, end, v, 0, v.length) == 0) {
          return true;
        }
      }
      return false;
    }
  }
}
