package io.quiver.executor.cluster;

import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;

/**
 * Hashes the key columns of a row by value, so equal keys hash equally whatever the vector: an INT 5,
 * a BIGINT 5 and a DOUBLE 5.0 agree, -0.0 equals 0.0, and strings hash their UTF-8 bytes. The result
 * depends on nothing but the values (no identity hashes, no per-JVM seeds), so every worker process
 * sends a key to the same partition.
 */
final class KeyHasher {
  private static final long NULL_HASH = 0x2545F4914F6CDD1DL;

  private KeyHasher() {}

  /**
   * The hashes of rows {@code [0, rows)} over {@code keys}, equal to {@link #hash} row by row but
   * computed a column at a time (one type dispatch per column, tight loops per type).
   */
  static long[] hashAll(List<FieldVector> vectors, int[] keys, int rows) {
    long[] h = new long[rows];
    java.util.Arrays.fill(h, 0x9E3779B97F4A7C15L);
    for (int k : keys) {
      FieldVector v = vectors.get(k);
      boolean nulls = v.getNullCount() > 0;
      if (v instanceof BaseIntVector iv && !nulls) {
        for (int r = 0; r < rows; r++) {
          h[r] = h[r] * 31 + mix(iv.getValueAsLong(r));
        }
      } else if (v instanceof Float8Vector f && !nulls) {
        for (int r = 0; r < rows; r++) {
          h[r] = h[r] * 31 + doubleHash(f.get(r));
        }
      } else {
        for (int r = 0; r < rows; r++) {
          h[r] = h[r] * 31 + valueHash(v, r);
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      h[r] = mix(h[r]);
    }
    return h;
  }

  /** The hash of row {@code row} over {@code keys}. */
  static long hash(List<FieldVector> vectors, int[] keys, int row) {
    long h = 0x9E3779B97F4A7C15L;
    for (int k : keys) {
      h = h * 31 + valueHash(vectors.get(k), row);
    }
    return mix(h);
  }

  static long valueHash(FieldVector v, int row) {
    if (v.isNull(row)) {
      return NULL_HASH;
    }
    if (v instanceof BaseIntVector iv) {
      return mix(iv.getValueAsLong(row));
    }
    if (v instanceof Float8Vector f) {
      return doubleHash(f.get(row));
    }
    if (v instanceof Float4Vector f) {
      return doubleHash(f.get(row));
    }
    if (v instanceof BitVector b) {
      return mix(b.get(row));
    }
    if (v instanceof DateDayVector d) {
      return mix(d.get(row));
    }
    if (v instanceof DateMilliVector d) {
      return mix(d.get(row));
    }
    if (v instanceof TimeStampVector t) {
      return mix(t.get(row));
    }
    if (v instanceof BaseVariableWidthVector w) {
      return bytesHash(w.get(row));
    }
    return mix(Objects.hashCode(v.getObject(row)));
  }

  /** Integral doubles hash as the integer, so join and group keys of mixed numeric types agree. */
  private static long doubleHash(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return mix((long) d);
    }
    if (Double.isNaN(d)) {
      return mix(0x7ff8000000000000L);
    }
    return mix(Double.doubleToLongBits(d));
  }

  private static long bytesHash(byte[] bytes) {
    long h = 0xCBF29CE484222325L;
    for (byte b : bytes) {
      h = (h ^ (b & 0xff)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finalizer: spreads every input bit over the output. */
  static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb93fe53a4ed5L;
    x ^= x >>> 33;
    return x;
  }
}
