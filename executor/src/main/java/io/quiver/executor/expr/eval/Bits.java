package io.quiver.executor.expr.eval;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Bitmap helpers for validity buffers and Bool data, working 64 rows per step. Buffers may be exactly
 * {@code ceil(n/8)} bytes long (slices, IPC), so the last word is assembled byte by byte instead of
 * reading past the end. Bits past row {@code n} are don't-care.
 */
final class Bits {
  private Bits() {}

  static int bytes(int n) {
    return (n + 7) >>> 3;
  }

  static int words(int n) {
    return (n + 63) >>> 6;
  }

  /** The validity buffer of {@code v}, or null when every row is null (a {@link NullVector}). */
  static ArrowBuf validity(FieldVector v) {
    return v instanceof NullVector ? null : v.getValidityBuffer();
  }

  /** Word {@code w} of a bitmap of {@code nBytes} bytes; a null buffer reads as all zeros. */
  static long word(ArrowBuf b, int w, int nBytes) {
    if (b == null) {
      return 0L;
    }
    int off = w << 3;
    if (off + 8 <= nBytes) {
      return b.getLong(off);
    }
    long r = 0;
    for (int i = off; i < nBytes; i++) {
      r |= (b.getByte(i) & 0xFFL) << ((i - off) << 3);
    }
    return r;
  }

  static void putWord(ArrowBuf b, int w, long value, int nBytes) {
    int off = w << 3;
    if (off + 8 <= nBytes) {
      b.setLong(off, value);
      return;
    }
    for (int i = off; i < nBytes; i++) {
      b.setByte(i, (byte) (value >>> ((i - off) << 3)));
    }
  }

  static boolean get(ArrowBuf b, int i) {
    return b != null && ((b.getByte(i >>> 3) >>> (i & 7)) & 1) != 0;
  }

  static void set(ArrowBuf b, int i) {
    int idx = i >>> 3;
    b.setByte(idx, b.getByte(idx) | (1 << (i & 7)));
  }

  static void clear(ArrowBuf b, int i) {
    int idx = i >>> 3;
    b.setByte(idx, b.getByte(idx) & ~(1 << (i & 7)));
  }

  /** Marks rows {@code [0, n)} valid. */
  static void setAll(ArrowBuf b, int n) {
    int nBytes = bytes(n);
    for (int w = 0; w < words(n); w++) {
      putWord(b, w, -1L, nBytes);
    }
  }

  /** {@code dst = a & b} over {@code n} rows; a null input counts as all zeros. */
  static void and(ArrowBuf dst, ArrowBuf a, ArrowBuf b, int n) {
    int nBytes = bytes(n);
    for (int w = 0; w < words(n); w++) {
      putWord(dst, w, word(a, w, nBytes) & word(b, w, nBytes), nBytes);
    }
  }

  static void copy(ArrowBuf dst, ArrowBuf src, int n) {
    int nBytes = bytes(n);
    for (int w = 0; w < words(n); w++) {
      putWord(dst, w, word(src, w, nBytes), nBytes);
    }
  }

  /** Sets {@code out}'s validity to the AND of the given vectors' validity (all rows if none given). */
  static void andValidity(FieldVector out, int n, FieldVector... inputs) {
    ArrowBuf dst = out.getValidityBuffer();
    if (inputs.length == 0) {
      setAll(dst, n);
      return;
    }
    copy(dst, validity(inputs[0]), n);
    for (int k = 1; k < inputs.length; k++) {
      and(dst, dst, validity(inputs[k]), n);
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Moves bit 0 of each of the 8 bytes of a little-endian word into bits 0..7 of the result. */
  private static final long GATHER = 0x0102040810204080L;

  /** Packs {@code src[0..n)} (0 or 1 each) into a bitmap, eight rows per multiply. */
  static void pack(byte[] src, int n, ArrowBuf dst) {
    int nBytes = bytes(n);
    int full = n >>> 6;
    for (int w = 0; w < full; w++) {
      long word = 0;
      int base = w << 6;
      for (int j = 0; j < 8; j++) {
        long eight = (long) LONGS.get(src, base + (j << 3));
        word |= ((eight * GATHER) >>> 56) << (j << 3);
      }
      dst.setLong((long) w << 3, word);
    }
    if ((n & 63) != 0) {
      long word = 0;
      int base = full << 6;
      for (int j = 0; base + j < n; j++) {
        word |= (long) (src[base + j] & 1) << j;
      }
      putWord(dst, full, word, nBytes);
    }
  }

  /** Unpacks {@code n} bits into {@code dst} (0 or 1 each); a null buffer gives zeros. */
  static byte[] unpack(ArrowBuf src, int n, byte[] dst) {
    byte[] out = dst != null && dst.length >= n ? dst : new byte[Math.max(n, 16)];
    if (src == null) {
      java.util.Arrays.fill(out, 0, n, (byte) 0);
      return out;
    }
    int nBytes = bytes(n);
    for (int w = 0; w < words(n); w++) {
      long word = word(src, w, nBytes);
      int base = w << 6;
      int lim = Math.min(64, n - base);
      for (int j = 0; j < lim; j++) {
        out[base + j] = (byte) ((word >>> j) & 1);
      }
    }
    return out;
  }

  /** Row numbers whose bit is set in both {@code a} and {@code b} (b may be null for "all"). */
  static int selected(ArrowBuf a, ArrowBuf b, int n, int[] out) {
    int nBytes = bytes(n);
    int c = 0;
    for (int w = 0; w < words(n); w++) {
      long word = word(a, w, nBytes);
      if (b != null) {
        word &= word(b, w, nBytes);
      }
      int base = w << 6;
      if (base + 64 > n) {
        word &= (1L << (n - base)) - 1;
      }
      while (word != 0) {
        out[c++] = base + Long.numberOfTrailingZeros(word);
        word &= word - 1;
      }
    }
    return c;
  }
}
