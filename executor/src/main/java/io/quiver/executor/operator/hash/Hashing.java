package io.quiver.executor.operator.hash;

import io.quiver.executor.operator.column.LoadedColumn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Column-wise hashing of key columns: one tight loop per column folds its values into a {@code long[]}
 * of row hashes. Longs (and canonical double bits) go through a 64-bit finalizer; byte strings of up to
 * eight bytes hash as their prefix word, longer ones are read eight bytes at a time.
 */
public final class Hashing {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NULL_HASH = 0x5bd1e9955bd1e995L;
  private static final long SEED = 0x9E3779B97F4A7C15L;

  private Hashing() {}

  /** The murmur3 64-bit finalizer: every input bit affects every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The hash of {@code b[off, off+len)}. */
  public static long hashBytes(byte[] b, int off, int len) {
    long h = SEED ^ len;
    int i = off;
    int end = off + len;
    while (i + 8 <= end) {
      h = Long.rotateLeft(h ^ mix((long) LONGS.get(b, i)), 27) * 0x9E3779B97F4A7C15L;
      i += 8;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (b[i] & 0xFFL) << shift;
    }
    return mix(h ^ tail);
  }

  /**
   * {@link #hashBytes} for arrays padded as {@link LoadedColumn#PADDING} guarantees: the tail is one
   * masked eight-byte read instead of a byte loop (same value).
   */
  private static long hashPadded(byte[] b, int off, int len) {
    long h = SEED ^ len;
    int i = off;
    int end = off + len;
    while (i + 8 <= end) {
      h = Long.rotateLeft(h ^ mix((long) LONGS.get(b, i)), 27) * 0x9E3779B97F4A7C15L;
      i += 8;
    }
    long tail = i == end ? 0 : (long) LONGS.get(b, i) & ((1L << ((end - i) << 3)) - 1);
    return mix(h ^ tail);
  }

  /**
   * Folds column {@code c} (loaded as a key) into {@code hashes[0..n)}; the first column of a key sets
   * the hashes instead of folding.
   */
  public static void hashColumn(LoadedColumn c, long[] hashes, int n, boolean first) {
    boolean[] nulls = c.hasNulls ? c.nulls : null;
    switch (c.kind) {
      case LONG:
      case DOUBLE: {
        long[] v = c.longs;
        if (first && nulls == null) {
          for (int i = 0; i < n; i++) {
            hashes[i] = mix(v[i]);
          }
        } else {
          for (int i = 0; i < n; i++) {
            long h = nulls != null && nulls[i] ? NULL_HASH : mix(v[i]);
            hashes[i] = first ? h : combine(hashes[i], h);
          }
        }
        break;
      }
      case BYTES: {
        byte[] b = c.bytes;
        int[] off = c.offsets;
        long[] prefixes = c.longs;
        for (int i = 0; i < n; i++) {
          int len = off[i + 1] - off[i];
          long h;
          if (nulls != null && nulls[i]) {
            h = NULL_HASH;
          } else if (len <= 8) {
            h = mix(prefixes[i] ^ ((long) len << 59) ^ SEED);
          } else {
            h = hashPadded(b, off[i], len);
          }
          hashes[i] = first ? h : combine(hashes[i], h);
        }
        break;
      }
      default:
        throw new IllegalArgumentException("cannot hash " + c.type);
    }
  }

  private static long combine(long h, long next) {
    return mix(h * 31 + next);
  }
}
