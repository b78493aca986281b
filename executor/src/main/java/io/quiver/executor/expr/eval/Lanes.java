package io.quiver.executor.expr.eval;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Moves fixed-width columns between Arrow buffers and primitive arrays ("lanes"): every integer width,
 * Bool, DATE (days) and TIMESTAMP (micros) travel as {@code long}, floating point as {@code double}.
 * Kernels then run one tight loop per operation over the arrays, which the JIT can vectorize; the
 * width-specific code lives only here. Arrays are reused between batches by the caller: pass the
 * previous array as {@code scratch}, keep the returned one.
 */
final class Lanes {
  private Lanes() {}

  /** How a type is held while computing. */
  enum Kind { LONG, DOUBLE, BYTES, OTHER }

  static Kind kind(ArrowType t) {
    switch (t.getTypeID()) {
      case Int:
      case Bool:
      case Date:
      case Timestamp:
      case Time:
      case Duration:
      case Null:
        return Kind.LONG;
      case FloatingPoint:
        return Kind.DOUBLE;
      case Utf8:
      case Binary:
        return Kind.BYTES;
      default:
        return Kind.OTHER;
    }
  }

  static long[] longArray(long[] scratch, int n) {
    return scratch != null && scratch.length >= n ? scratch : new long[Math.max(n, 16)];
  }

  static double[] doubleArray(double[] scratch, int n) {
    return scratch != null && scratch.length >= n ? scratch : new double[Math.max(n, 16)];
  }

  /** Rows {@code [0, n)} of {@code v} as longs (floating point truncates toward zero). */
  static long[] longs(FieldVector v, int n, long[] scratch) {
    long[] out = longArray(scratch, n);
    if (v instanceof NullVector) {
      Arrays.fill(out, 0, n, 0L);
      return out;
    }
    ArrowBuf d = v.getDataBuffer();
    switch (v.getMinorType()) {
      case TINYINT:
        for (int i = 0; i < n; i++) {
          out[i] = d.getByte(i);
        }
        break;
      case UINT1:
        for (int i = 0; i < n; i++) {
          out[i] = d.getByte(i) & 0xFFL;
        }
        break;
      case SMALLINT:
        for (int i = 0; i < n; i++) {
          out[i] = d.getShort((long) i << 1);
        }
        break;
      case UINT2:
        for (int i = 0; i < n; i++) {
          out[i] = d.getShort((long) i << 1) & 0xFFFFL;
        }
        break;
      case INT:
      case DATEDAY:
      case TIMESEC:
      case TIMEMILLI:
        for (int i = 0; i < n; i++) {
          out[i] = d.getInt((long) i << 2);
        }
        break;
      case UINT4:
        for (int i = 0; i < n; i++) {
          out[i] = d.getInt((long) i << 2) & 0xFFFFFFFFL;
        }
        break;
      case BIGINT:
      case UINT8:
      case DATEMILLI:
      case TIMESTAMPMICRO:
      case TIMESTAMPMICROTZ:
      case TIMESTAMPMILLI:
      case TIMESTAMPMILLITZ:
      case TIMESTAMPNANO:
      case TIMESTAMPNANOTZ:
      case TIMESTAMPSEC:
      case TIMESTAMPSECTZ:
      case TIMEMICRO:
      case TIMENANO:
      case DURATION:
        for (int i = 0; i < n; i++) {
          out[i] = d.getLong((long) i << 3);
        }
        break;
      case BIT:
        bitsToLongs(d, n, out);
        break;
      case FLOAT4:
        for (int i = 0; i < n; i++) {
          out[i] = (long) d.getFloat((long) i << 2);
        }
        break;
      case FLOAT8:
        for (int i = 0; i < n; i++) {
          out[i] = (long) d.getDouble((long) i << 3);
        }
        break;
      default:
        throw new IllegalArgumentException("no integer lane for " + v.getField().getType());
    }
    return out;
  }

  private static void bitsToLongs(ArrowBuf d, int n, long[] out) {
    int nBytes = Bits.bytes(n);
    for (int w = 0; w < Bits.words(n); w++) {
      long word = Bits.word(d, w, nBytes);
      int base = w << 6;
      int lim = Math.min(64, n - base);
      for (int j = 0; j < lim; j++) {
        out[base + j] = (word >>> j) & 1L;
      }
    }
  }

  /** Rows {@code [0, n)} of {@code v} as doubles. */
  static double[] doubles(FieldVector v, int n, double[] scratch) {
    double[] out = doubleArray(scratch, n);
    if (v instanceof NullVector) {
      Arrays.fill(out, 0, n, 0.0);
      return out;
    }
    ArrowBuf d = v.getDataBuffer();
    switch (v.getMinorType()) {
      case FLOAT8:
        for (int i = 0; i < n; i++) {
          out[i] = d.getDouble((long) i << 3);
        }
        break;
      case FLOAT4:
        for (int i = 0; i < n; i++) {
          out[i] = d.getFloat((long) i << 2);
        }
        break;
      case UINT8:
        // Unsigned 64-bit values above Long.MAX_VALUE need the unsigned conversion.
        for (int i = 0; i < n; i++) {
          long x = d.getLong((long) i << 3);
          out[i] = x >= 0 ? (double) x : ((x >>> 1) | (x & 1)) * 2.0;
        }
        break;
      default:
        long[] tmp = longs(v, n, null);
        for (int i = 0; i < n; i++) {
          out[i] = tmp[i];
        }
    }
    return out;
  }

  /** Writes {@code src[0..n)} into the data buffer of {@code out} (narrowing integers as Java does). */
  static void writeLongs(long[] src, int n, FieldVector out) {
    ArrowBuf d = out.getDataBuffer();
    switch (out.getMinorType()) {
      case TINYINT:
      case UINT1:
        for (int i = 0; i < n; i++) {
          d.setByte(i, (byte) src[i]);
        }
        break;
      case SMALLINT:
      case UINT2:
        for (int i = 0; i < n; i++) {
          d.setShort((long) i << 1, (short) src[i]);
        }
        break;
      case INT:
      case UINT4:
      case DATEDAY:
      case TIMESEC:
      case TIMEMILLI:
        for (int i = 0; i < n; i++) {
          d.setInt((long) i << 2, (int) src[i]);
        }
        break;
      case BIT:
        longsToBits(src, n, d);
        break;
      case FLOAT4:
        for (int i = 0; i < n; i++) {
          d.setFloat((long) i << 2, (float) src[i]);
        }
        break;
      case FLOAT8:
        for (int i = 0; i < n; i++) {
          d.setDouble((long) i << 3, (double) src[i]);
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          d.setLong((long) i << 3, src[i]);
        }
    }
  }

  private static void longsToBits(long[] src, int n, ArrowBuf d) {
    int nBytes = Bits.bytes(n);
    for (int w = 0; w < Bits.words(n); w++) {
      long word = 0;
      int base = w << 6;
      int lim = Math.min(64, n - base);
      for (int j = 0; j < lim; j++) {
        word |= (src[base + j] != 0 ? 1L : 0L) << j;
      }
      Bits.putWord(d, w, word, nBytes);
    }
  }

  /** Writes {@code src[0..n)} into a floating point vector (integer targets truncate). */
  static void writeDoubles(double[] src, int n, FieldVector out) {
    ArrowBuf d = out.getDataBuffer();
    switch (out.getMinorType()) {
      case FLOAT8:
        for (int i = 0; i < n; i++) {
          d.setDouble((long) i << 3, src[i]);
        }
        break;
      case FLOAT4:
        for (int i = 0; i < n; i++) {
          d.setFloat((long) i << 2, (float) src[i]);
        }
        break;
      default:
        long[] tmp = new long[n];
        for (int i = 0; i < n; i++) {
          tmp[i] = (long) src[i];
        }
        writeLongs(tmp, n, out);
    }
  }
}
