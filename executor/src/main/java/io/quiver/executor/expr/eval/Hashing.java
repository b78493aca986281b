package io.quiver.executor.expr.eval;

import org.apache.arrow.memory.ArrowBuf;

/** 64-bit hashes of values, consistent between bytes in an Arrow buffer and in a Java array. */
final class Hashing {
  private Hashing() {}

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  /** MurmurHash3's 64-bit finalizer: a cheap, well-mixing bijection. */
  static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** Folds {@code value} into a running hash. */
  static long combine(long h, long value) {
    return mix(h * 31 + value + 0x9e3779b97f4a7c15L);
  }

  /** Doubles that SQL calls equal (0.0 and -0.0, all NaNs) hash alike. */
  static long doubleKey(double d) {
    if (d == 0.0) {
      return 0L;
    }
    return d != d ? 0x7ff8000000000000L : Double.doubleToLongBits(d);
  }

  static long bytes(ArrowBuf buf, long start, long end) {
    long h = (end - start) * C1;
    long i = start;
    for (; i + 8 <= end; i += 8) {
      h = step(h, buf.getLong(i));
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (buf.getByte(i) & 0xFFL) << shift;
    }
    return mix(step(h, tail));
  }

  static long bytes(byte[] b) {
    long h = (long) b.length * C1;
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      long k = 0;
      for (int j = 7; j >= 0; j--) {
        k = (k << 8) | (b[i + j] & 0xFFL);
      }
      h = step(h, k);
    }
    long tail = 0;
    for (int shift = 0; i < b.length; i++, shift += 8) {
      tail |= (b[i] & 0xFFL) << shift;
    }
    return mix(step(h, tail));
  }

  private static long step(long h, long k) {
    k *= C1;
    k = Long.rotateLeft(k, 31);
    k *= C2;
    h ^= k;
    return Long.rotateLeft(h, 27) * 5 + 0x52dce729;
  }
}
