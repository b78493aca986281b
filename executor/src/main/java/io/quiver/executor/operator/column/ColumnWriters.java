package io.quiver.executor.operator.column;

import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Typed writers into freshly allocated output vectors: a {@code long} result can go to any integer,
 * boolean, date, time or timestamp vector (or be cast to a float vector), a {@code double} to a float
 * vector (or be truncated into an integer one), bytes to Utf8/Binary. Writers are chosen once per
 * output vector so the per-row call is a plain store.
 */
public final class ColumnWriters {
  private ColumnWriters() {}

  /** Stores a long at a row. */
  public interface LongSink {
    void set(int row, long value);
  }

  /** Stores a double at a row. */
  public interface DoubleSink {
    void set(int row, double value);
  }

  /** Stores {@code bytes[off, off+len)} at a row. */
  public interface BytesSink {
    void set(int row, byte[] bytes, int off, int len);
  }

  /** Allocates {@code v} for {@code count} rows, all NULL until written. */
  public static void allocate(FieldVector v, int count) {
    if (v instanceof NullVector) {
      return; // A column of the NULL type has no buffers: every row is NULL by definition.
    }
    v.setInitialCapacity(Math.max(count, 1));
    v.allocateNew();
    ArrowBuf validity = v.getValidityBuffer();
    if (validity != null) {
      validity.setZero(0, validity.capacity());
    }
  }

  /** A writer of longs into {@code v}, which must be allocated for every row written. */
  public static LongSink longs(FieldVector v) {
    if (v instanceof BitVector b) {
      return (i, x) -> b.set(i, x != 0 ? 1 : 0);
    } else if (v instanceof Float8Vector f) {
      return (i, x) -> f.set(i, (double) x);
    } else if (v instanceof Float4Vector f) {
      return (i, x) -> f.set(i, (float) x);
    } else if (v instanceof BaseFixedWidthVector fw) {
      ArrowBuf data = fw.getDataBuffer();
      ArrowBuf validity = fw.getValidityBuffer();
      switch (fw.getTypeWidth()) {
        case 8:
          return (i, x) -> {
            data.setLong((long) i << 3, x);
            BitVectorHelper.setBit(validity, i);
          };
        case 4:
          return (i, x) -> {
            data.setInt((long) i << 2, (int) x);
            BitVectorHelper.setBit(validity, i);
          };
        case 2:
          return (i, x) -> {
            data.setShort((long) i << 1, (short) x);
            BitVectorHelper.setBit(validity, i);
          };
        case 1:
          return (i, x) -> {
            data.setByte(i, (byte) x);
            BitVectorHelper.setBit(validity, i);
          };
        default:
          break;
      }
    }
    throw new IllegalArgumentException("cannot write integers into " + v.getField());
  }

  /** A writer of doubles into {@code v} (integer vectors get the value truncated toward zero). */
  public static DoubleSink doubles(FieldVector v) {
    if (v instanceof Float8Vector f) {
      return f::set;
    } else if (v instanceof Float4Vector f) {
      return (i, x) -> f.set(i, (float) x);
    }
    LongSink longs = longs(v);
    return (i, x) -> longs.set(i, (long) x);
  }

  /** A writer of byte strings into a Utf8, Binary or FixedSizeBinary vector. */
  public static BytesSink bytes(FieldVector v) {
    if (v instanceof BaseVariableWidthVector vw) {
      return vw::setSafe;
    } else if (v instanceof FixedSizeBinaryVector fb) {
      return (i, b, off, len) -> fb.setSafe(i, Arrays.copyOfRange(b, off, off + len));
    }
    throw new IllegalArgumentException("cannot write bytes into " + v.getField());
  }
}
