package io.quiver.executor.source.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (definition levels, dictionary ids) in bulk:
 * whole runs are filled or unpacked at once instead of one virtual call per value. Reads
 * {@code buf[position, limit)}; running out of input, a bit width over 32 or an over-long run is
 * reported as an {@link IllegalStateException} (the caller turns it into a corrupt-file error).
 */
final class HybridDecoder {
  /** Values unpacked per step: a multiple of 8, so each step starts on a byte boundary. */
  private static final int CHUNK = 1024;
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] bytes;
  private final int bitWidth;
  private final int valueBytes;
  private int pos;
  private final int limit;

  private int rleLeft;
  private int rleValue;
  private int packedLeft; // values of the current bit-packed run not yet unpacked
  private final int[] chunk = new int[CHUNK];
  private int chunkPos;
  private int chunkLen;

  HybridDecoder(ByteBuffer buf, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalStateException("invalid bit width " + bitWidth + " for RLE/bit-packed data");
    }
    this.bitWidth = bitWidth;
    this.valueBytes = (bitWidth + 7) / 8;
    if (buf.hasArray()) {
      this.bytes = buf.array();
      this.pos = buf.arrayOffset() + buf.position();
      this.limit = buf.arrayOffset() + buf.limit();
    } else {
      this.bytes = new byte[buf.remaining()];
      buf.duplicate().get(bytes);
      this.pos = 0;
      this.limit = bytes.length;
    }
  }

  /** Reads the next {@code n} values into {@code out[off, off+n)}. */
  void read(int[] out, int off, int n) {
    while (n > 0) {
      if (rleLeft > 0) {
        int k = Math.min(n, rleLeft);
        Arrays.fill(out, off, off + k, rleValue);
        rleLeft -= k;
        off += k;
        n -= k;
      } else if (chunkPos < chunkLen) {
        int k = Math.min(n, chunkLen - chunkPos);
        System.arraycopy(chunk, chunkPos, out, off, k);
        chunkPos += k;
        off += k;
        n -= k;
      } else if (packedLeft > 0 && n >= 8) {
        // Whole groups of 8 go straight to the caller's array; only a tail goes through the chunk.
        int k = Math.min(n & ~7, packedLeft);
        unpack(out, off, k);
        off += k;
        n -= k;
      } else if (packedLeft > 0) {
        unpackChunk();
      } else {
        nextRun();
      }
    }
  }

  /**
   * Skips the next {@code n} values if they are all {@code value} within one RLE run (the usual case of
   * definition levels of a column without NULLs), and says whether it did; else reads nothing.
   */
  boolean skipRun(int value, int n) {
    if (rleLeft == 0 && chunkPos == chunkLen && packedLeft == 0 && pos < limit) {
      nextRun();
    }
    if (rleLeft >= n && rleValue == value) {
      rleLeft -= n;
      return true;
    }
    return false;
  }

  private void nextRun() {
    long header = readUnsignedVarInt();
    if ((header & 1) == 0) {
      long count = header >>> 1;
      if (count > Integer.MAX_VALUE) {
        throw new IllegalStateException("an RLE run of " + count + " values");
      }
      int v = 0;
      for (int i = 0; i < valueBytes; i++) {
        v |= (byte_(pos++) & 0xFF) << (8 * i);
      }
      rleLeft = (int) count;
      rleValue = v;
    } else {
      long values = (header >>> 1) * 8;
      if (bitWidth == 0) {
        rleLeft = (int) Math.min(values, Integer.MAX_VALUE); // zero-width values are all 0
        rleValue = 0;
        return;
      }
      // A final run may be cut short by the writer; never unpack past the input.
      long available = (long) (limit - pos) * 8 / bitWidth;
      packedLeft = (int) Math.min(values, available - available % 8);
      if (packedLeft == 0) {
        throw new IllegalStateException("a bit-packed run is truncated");
      }
    }
  }

  private void unpackChunk() {
    int count = Math.min(CHUNK, packedLeft);
    unpack(chunk, 0, count);
    chunkPos = 0;
    chunkLen = count;
  }

  /** Unpacks the next {@code count} (a multiple of 8, at most {@code packedLeft}) values into {@code dst[outOff..]}. */
  private void unpack(int[] dst, int outOff, int count) {
    long mask = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
    int end = pos + count / 8 * bitWidth; // groups of 8 values end on byte boundaries; nextRun checked end <= limit
    int[] out = dst;
    byte[] in = bytes;
    int i = 0;
    int base = outOff;
    if (bitWidth <= 8) {
      // Narrow values (levels, small dictionaries): a group of 8 values is bitWidth bytes, one load.
      int w = bitWidth;
      for (int p = pos; i < count && p + 8 <= limit; i += 8, p += w) {
        long word = (long) LONG_LE.get(in, p);
        out[base + i] = (int) (word & mask);
        out[base + i + 1] = (int) ((word >>> w) & mask);
        out[base + i + 2] = (int) ((word >>> (2 * w)) & mask);
        out[base + i + 3] = (int) ((word >>> (3 * w)) & mask);
        out[base + i + 4] = (int) ((word >>> (4 * w)) & mask);
        out[base + i + 5] = (int) ((word >>> (5 * w)) & mask);
        out[base + i + 6] = (int) ((word >>> (6 * w)) & mask);
        out[base + i + 7] = (int) ((word >>> (7 * w)) & mask);
      }
    }
    // Then one unaligned 8-byte load per value while 8 bytes remain in the buffer.
    for (long bit = (long) pos * 8 + (long) i * bitWidth; i < count; i++, bit += bitWidth) {
      int at = (int) (bit >>> 3);
      if (at + 8 > limit) {
        break;
      }
      out[base + i] = (int) (((long) LONG_LE.get(in, at) >>> (bit & 7)) & mask);
    }
    if (i < count) {
      long bit = (long) pos * 8 + (long) i * bitWidth;
      for (; i < count; i++, bit += bitWidth) {
        long v = 0;
        for (int b = 0; b < bitWidth; b++) {
          long at = bit + b;
          v |= (long) ((in[(int) (at >>> 3)] >>> (at & 7)) & 1) << b;
        }
        out[base + i] = (int) v;
      }
    }
    pos = end;
    packedLeft -= count;
  }

  private long readUnsignedVarInt() {
    long value = 0;
    int shift = 0;
    while (true) {
      int b = byte_(pos++) & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
      shift += 7;
      if (shift > 35) {
        throw new IllegalStateException("a run header is longer than 5 bytes");
      }
    }
  }

  private byte byte_(int p) {
    if (p >= limit) {
      throw new IllegalStateException("RLE/bit-packed data ends early");
    }
    return bytes[p];
  }
}
