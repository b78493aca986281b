package io.quiver.executor.source.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;

/**
 * Buffer helpers of the fast Parquet path: a reusable heap staging array for byte strings (many small
 * copies there, then one copy into Arrow memory), short-string block copies, growing a variable-width
 * vector's data buffer, and setting runs of validity bits.
 */
final class ByteStaging {
  /** Spare bytes kept after staged data and packed dictionaries so {@link #copyShort} may overshoot. */
  static final int SLACK = 8;
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] staging = new byte[0];

  /** A staging array of at least {@code bytes} (plus {@link #SLACK}), reused across calls. */
  byte[] stage(long bytes) {
    long size = bytes + SLACK;
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a batch of byte strings exceeds 2 GB");
    }
    if (staging.length < size) {
      staging = new byte[(int) Math.max(size, Math.min(Integer.MAX_VALUE - 16, staging.length * 2L))];
    }
    return staging;
  }

  /**
   * Copies a short byte string in 8-byte blocks when both arrays have room for the last block's
   * overshoot (which the next value overwrites), else with arraycopy: most strings are a few bytes,
   * where arraycopy's set-up costs more than the copy.
   */
  static void copyShort(byte[] src, int from, byte[] dst, int to, int length) {
    if (length <= 32 && from + length + SLACK <= src.length && to + length + SLACK <= dst.length) {
      for (int q = 0; q < length; q += 8) {
        LONG_LE.set(dst, to + q, (long) LONG_LE.get(src, from + q));
      }
    } else {
      System.arraycopy(src, from, dst, to, length);
    }
  }

  /** The vector's data buffer, grown (doubling) to hold at least {@code bytes}. */
  static ArrowBuf reserve(BaseVariableWidthVector v, long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalStateException("a batch of byte strings exceeds 2 GB");
    }
    while (v.getDataBuffer().capacity() < bytes) {
      v.reallocDataBuffer();
    }
    return v.getDataBuffer();
  }

  /** Sets validity bits {@code [off, off+k)}, whole bytes at a time where aligned. */
  static void setValid(ArrowBuf validity, int off, int k) {
    int i = off;
    int end = off + k;
    while (i < end && (i & 7) != 0) {
      BitVectorHelper.setBit(validity, i++);
    }
    while (i + 8 <= end) {
      validity.setByte(i >>> 3, 0xFF);
      i += 8;
    }
    while (i < end) {
      BitVectorHelper.setBit(validity, i++);
    }
  }
}
