package io.quiver.executor.vector;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Gathering rows of a vector into a new one by index, the kernel behind {@link Batches#take}: fixed-width
 * and variable-width vectors are copied with direct buffer reads and writes (the output sized once),
 * extension vectors (tensors) through their storage vector, anything else value by value. A negative
 * index gathers a NULL, which outer joins use for the side without a match.
 */
public final class VectorGather {
  private VectorGather() {}

  /**
   * A new vector named {@code name} (null: the source's name) holding {@code src}'s values at
   * {@code indices[0..count)}, or NULL where an index is negative.
   */
  public static FieldVector take(FieldVector src, String name, int[] indices, int count, BufferAllocator allocator) {
    if (src instanceof DictionaryVector d) {
      // The ids are gathered; the dictionary is shared.
      DictionaryVector dst = new DictionaryVector(name == null ? d.getName() : name, d.dictionary(), allocator);
      try {
        takeFixed(d, dst, indices, count);
        dst.setValueCount(count);
      } catch (RuntimeException e) {
        dst.close();
        throw e;
      }
      return dst;
    }
    FieldVector dst = (FieldVector) src.getTransferPair(name == null ? src.getName() : name, allocator).getTo();
    if (src instanceof BaseFixedWidthVector s && !(src instanceof BitVector)) {
      takeFixed(s, (BaseFixedWidthVector) dst, indices, count);
    } else if (src instanceof BaseVariableWidthVector s) {
      takeVariable(s, (BaseVariableWidthVector) dst, indices, count);
    } else {
      dst.setInitialCapacity(count);
      dst.allocateNew();
      ArrowBuf validity = dst.getValidityBuffer();
      if (validity != null) {
        validity.setZero(0, validity.capacity());
      }
      for (int i = 0; i < count; i++) {
        if (indices[i] >= 0) {
          copy(src, indices[i], dst, i);
        }
      }
    }
    dst.setValueCount(count);
    return dst;
  }

  /** Copies value {@code from} of {@code src} to row {@code to} of {@code dst} (same type), growing it. */
  public static void copy(FieldVector src, int from, FieldVector dst, int to) {
    if (src instanceof ExtensionTypeVector<?> s) {
      ((ExtensionTypeVector<?>) dst).getUnderlyingVector().copyFromSafe(from, to, s.getUnderlyingVector());
    } else {
      dst.copyFromSafe(from, to, src);
    }
  }

  /** A new vector of {@code field} with {@code count} rows, all NULL. */
  public static FieldVector nulls(Field field, int count, BufferAllocator allocator) {
    FieldVector v = VectorFactory.create(field, allocator);
    v.setInitialCapacity(Math.max(count, 1));
    v.allocateNew();
    ArrowBuf validity = v.getValidityBuffer();
    if (validity != null) {
      validity.setZero(0, validity.capacity());
    }
    v.setValueCount(count);
    return v;
  }

  private static void takeFixed(BaseFixedWidthVector src, BaseFixedWidthVector dst, int[] indices, int count) {
    dst.allocateNew(Math.max(count, 1));
    ArrowBuf dv = dst.getValidityBuffer();
    dv.setZero(0, dv.capacity());
    ArrowBuf sv = src.getValidityBuffer();
    ArrowBuf sd = src.getDataBuffer();
    ArrowBuf dd = dst.getDataBuffer();
    boolean srcHasNulls = src.getNullCount() > 0;
    int w = src.getTypeWidth();
    for (int i = 0; i < count; i++) {
      int j = indices[i];
      if (j < 0 || (srcHasNulls && BitVectorHelper.get(sv, j) == 0)) {
        continue;
      }
      BitVectorHelper.setBit(dv, i);
      switch (w) {
        case 8:
          dd.setLong((long) i << 3, sd.getLong((long) j << 3));
          break;
        case 4:
          dd.setInt((long) i << 2, sd.getInt((long) j << 2));
          break;
        default:
          dd.setBytes((long) i * w, sd, (long) j * w, w);
          break;
      }
    }
  }

  private static void takeVariable(BaseVariableWidthVector src, BaseVariableWidthVector dst, int[] indices, int count) {
    ArrowBuf so = src.getOffsetBuffer();
    ArrowBuf sd = src.getDataBuffer();
    ArrowBuf sv = src.getValidityBuffer();
    boolean srcHasNulls = src.getNullCount() > 0;
    long total = 0;
    for (int i = 0; i < count; i++) {
      int j = indices[i];
      if (j >= 0) {
        total += so.getInt(((long) j + 1) << 2) - so.getInt((long) j << 2);
      }
    }
    dst.allocateNew(Math.max(total, 1), Math.max(count, 1));
    ArrowBuf dv = dst.getValidityBuffer();
    dv.setZero(0, dv.capacity());
    ArrowBuf doff = dst.getOffsetBuffer();
    ArrowBuf dd = dst.getDataBuffer();
    long pos = 0;
    doff.setInt(0, 0);
    for (int i = 0; i < count; i++) {
      int j = indices[i];
      if (j >= 0 && !(srcHasNulls && BitVectorHelper.get(sv, j) == 0)) {
        int start = so.getInt((long) j << 2);
        int len = so.getInt(((long) j + 1) << 2) - start;
        if (len > 0) {
          dd.setBytes(pos, sd, start, len);
        }
        pos += len;
        BitVectorHelper.setBit(dv, i);
      }
      doff.setInt(((long) i + 1) << 2, (int) pos);
    }
    dst.setLastSet(count - 1);
  }
}
