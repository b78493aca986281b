package io.quiver.executor.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Buffer-level row gathers behind {@link Batches#take}: they avoid the per-row virtual calls and
 * bounds logic of {@code copyFromSafe}, which dominate filters over wide or tensor columns.
 */
final class TakeKernels {
  private TakeKernels() {}

  static void fixedWidth(BaseFixedWidthVector src, BaseFixedWidthVector dst, int[] idx, int count) {
    dst.allocateNew(Math.max(count, 1));
    int width = src.getTypeWidth();
    ArrowBuf s = src.getDataBuffer();
    ArrowBuf d = dst.getDataBuffer();
    switch (width) {
      case 1:
        for (int i = 0; i < count; i++) {
          d.setByte(i, s.getByte(idx[i]));
        }
        break;
      case 2:
        for (int i = 0; i < count; i++) {
          d.setShort((long) i << 1, s.getShort((long) idx[i] << 1));
        }
        break;
      case 4:
        for (int i = 0; i < count; i++) {
          d.setInt((long) i << 2, s.getInt((long) idx[i] << 2));
        }
        break;
      case 8:
        for (int i = 0; i < count; i++) {
          d.setLong((long) i << 3, s.getLong((long) idx[i] << 3));
        }
        break;
      default:
        for (int i = 0; i < count; i++) {
          d.setBytes((long) i * width, s, (long) idx[i] * width, width);
        }
    }
    validity(src.getValidityBuffer(), dst.getValidityBuffer(), idx, count);
    dst.setValueCount(count);
  }

  static void bits(BitVector src, BitVector dst, int[] idx, int count) {
    dst.allocateNew(Math.max(count, 1));
    validity(src.getDataBuffer(), dst.getDataBuffer(), idx, count);
    validity(src.getValidityBuffer(), dst.getValidityBuffer(), idx, count);
    dst.setValueCount(count);
  }

  static void variableWidth(BaseVariableWidthVector src, BaseVariableWidthVector dst, int[] idx, int count) {
    ArrowBuf so = src.getOffsetBuffer();
    long total = 0;
    for (int i = 0; i < count; i++) {
      long r = (long) idx[i] << 2;
      total += so.getInt(r + 4) - so.getInt(r);
    }
    dst.allocateNew(Math.max(total, 1), Math.max(count, 1));
    ArrowBuf sd = src.getDataBuffer();
    ArrowBuf d = dst.getDataBuffer();
    ArrowBuf o = dst.getOffsetBuffer();
    int pos = 0;
    o.setInt(0, 0);
    for (int i = 0; i < count; i++) {
      long r = (long) idx[i] << 2;
      int start = so.getInt(r);
      int len = so.getInt(r + 4) - start;
      d.setBytes(pos, sd, start, len);
      pos += len;
      o.setInt((long) (i + 1) << 2, pos);
    }
    validity(src.getValidityBuffer(), dst.getValidityBuffer(), idx, count);
    dst.setLastSet(count - 1);
    dst.setValueCount(count);
  }

  /** A fixed-size list (possibly inside an extension type, like tensors) of fixed-width values. */
  static boolean isFixedList(FieldVector v) {
    FieldVector storage = storage(v);
    return storage instanceof FixedSizeListVector l && l.getDataVector() instanceof BaseFixedWidthVector
        && !(l.getDataVector() instanceof BitVector);
  }

  private static FieldVector storage(FieldVector v) {
    return v instanceof ExtensionTypeVector<?> e ? e.getUnderlyingVector() : v;
  }

  static void fixedList(FieldVector srcVector, FieldVector dstVector, int[] idx, int count) {
    FixedSizeListVector src = (FixedSizeListVector) storage(srcVector);
    FixedSizeListVector dst = (FixedSizeListVector) storage(dstVector);
    int size = src.getListSize();
    BaseFixedWidthVector se = (BaseFixedWidthVector) src.getDataVector();
    dst.setInitialCapacity(Math.max(count, 1));
    dst.allocateNew();
    BaseFixedWidthVector de = (BaseFixedWidthVector) dst.getDataVector();
    int elements = count * size;
    if (de.getValueCapacity() < elements) {
      de.allocateNew(Math.max(elements, 1));
    }
    long rowBytes = (long) size * se.getTypeWidth();
    ArrowBuf s = se.getDataBuffer();
    ArrowBuf d = de.getDataBuffer();
    for (int i = 0; i < count; i++) {
      d.setBytes(i * rowBytes, s, idx[i] * rowBytes, rowBytes);
    }
    int srcElements = src.getValueCount() * size;
    if (se.getNullCount() == 0 || srcElements == 0) {
      ArrowBuf v = de.getValidityBuffer();
      v.setOne(0, BitVectorHelper.getValidityBufferSize(elements));
    } else {
      ArrowBuf sv = se.getValidityBuffer();
      ArrowBuf dv = de.getValidityBuffer();
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < size; j++) {
          if (BitVectorHelper.get(sv, idx[i] * size + j) != 0) {
            BitVectorHelper.setBit(dv, (long) i * size + j);
          }
        }
      }
    }
    de.setValueCount(elements);
    validity(src.getValidityBuffer(), dst.getValidityBuffer(), idx, count);
    dstVector.setValueCount(count);
  }

  /** Gathers bits {@code idx[0..count)} of {@code src} into bits {@code [0, count)} of {@code dst}. */
  private static void validity(ArrowBuf src, ArrowBuf dst, int[] idx, int count) {
    int full = count >>> 6;
    for (int w = 0; w < full; w++) {
      long word = 0;
      int base = w << 6;
      for (int j = 0; j < 64; j++) {
        int r = idx[base + j];
        word |= (long) ((src.getByte(r >>> 3) >>> (r & 7)) & 1) << j;
      }
      dst.setLong((long) w << 3, word);
    }
    for (int i = full << 6; i < count; i++) {
      int r = idx[i];
      if (((src.getByte(r >>> 3) >>> (r & 7)) & 1) != 0) {
        BitVectorHelper.setBit(dst, i);
      } else {
        BitVectorHelper.unsetBit(dst, i);
      }
    }
  }
}
