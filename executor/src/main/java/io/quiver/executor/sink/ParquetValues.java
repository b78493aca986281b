package io.quiver.executor.sink;

import io.quiver.executor.QuiverException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Writes a range of one Arrow vector's values into a Parquet {@link ColumnWriter}, one subclass per
 * physical representation, each with its own tight loop over the Arrow buffers. The caller gives the
 * repetition level of the range's first value and of the others (0 and 0 for a flat column, 0 and 1 for
 * a list's elements) and the definition level of a present value; a NULL value is written one level
 * lower.
 */
abstract class ParquetValues {
  /** Called once per batch, before any {@link #write}, with the vector the ranges come from. */
  void begin(FieldVector v) {}

  /**
   * Writes values {@code [from, to)} of {@code v}.
   *
   * @param checkNulls false when {@code v} has no NULLs (saves a bit test per value)
   */
  abstract void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def,
      boolean checkNulls);

  /** The writer for vectors of Arrow type {@code t}. */
  static ParquetValues of(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth() == 64 ? new Int64() : new Int32(i.getBitWidth(), i.getIsSigned());
    }
    if (t instanceof ArrowType.FloatingPoint fp) {
      return fp.getPrecision() == FloatingPointPrecision.DOUBLE ? new Float64() : new Float32();
    }
    if (t instanceof ArrowType.Bool) {
      return new Bool();
    }
    if (t instanceof ArrowType.Date d) {
      return d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? new Int32(32, true) : new DateMillis();
    }
    if (t instanceof ArrowType.Timestamp ts) {
      return ts.getUnit() == TimeUnit.SECOND ? new Int64Scaled(1000) : new Int64();
    }
    if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.Binary) {
      return new Bytes();
    }
    if (t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.LargeBinary) {
      return new LargeBytes();
    }
    if (t instanceof ArrowType.Null) {
      return new Nulls();
    }
    throw new QuiverException("COPY: cannot write values of type " + t + " to Parquet.");
  }

  /** 8/16/32-bit integers, signed or unsigned (unsigned 32-bit values keep their bits), and days. */
  private static final class Int32 extends ParquetValues {
    private final int width;
    private final boolean signed;

    Int32(int width, boolean signed) {
      this.width = width;
      this.signed = signed;
    }

    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf data = v.getDataBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
          continue;
        }
        int x;
        switch (width) {
          case 8:
            x = signed ? data.getByte(i) : data.getByte(i) & 0xFF;
            break;
          case 16:
            x = signed ? data.getShort((long) i * 2) : data.getShort((long) i * 2) & 0xFFFF;
            break;
          default:
            x = data.getInt((long) i * 4);
        }
        cw.write(x, r, def);
      }
    }
  }

  private static final class Int64 extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf data = v.getDataBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write(data.getLong((long) i * 8), r, def);
        }
      }
    }
  }

  /** Timestamps in seconds, written in a finer unit. */
  private static final class Int64Scaled extends ParquetValues {
    private final long factor;

    Int64Scaled(long factor) {
      this.factor = factor;
    }

    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf data = v.getDataBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write(data.getLong((long) i * 8) * factor, r, def);
        }
      }
    }
  }

  /** DATE in milliseconds, written as days. */
  private static final class DateMillis extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      DateMilliVector d = (DateMilliVector) v;
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write((int) Math.floorDiv(d.get(i), 86_400_000L), r, def);
        }
      }
    }
  }

  private static final class Float32 extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf data = v.getDataBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write(data.getFloat((long) i * 4), r, def);
        }
      }
    }
  }

  private static final class Float64 extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf data = v.getDataBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write(data.getDouble((long) i * 8), r, def);
        }
      }
    }
  }

  private static final class Bool extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf data = v.getDataBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write(((data.getByte(i >> 3) >> (i & 7)) & 1) != 0, r, def);
        }
      }
    }
  }

  /**
   * VARCHAR and binary values. The batch's data buffer is copied once into a reused array; each value
   * is then a view of it ({@code Binary.fromReusedByteArray}: Parquet-MR copies what it keeps, such as
   * dictionary entries and statistics).
   */
  private static final class Bytes extends ParquetValues {
    private byte[] bytes = new byte[0];

    @Override
    void begin(FieldVector v) {
      BaseVariableWidthVector vw = (BaseVariableWidthVector) v;
      int n = vw.getValueCount();
      int size = n == 0 ? 0 : vw.getOffsetBuffer().getInt((long) n * 4);
      if (bytes.length < size) {
        bytes = new byte[Math.max(size, bytes.length * 2)];
      }
      if (size > 0) {
        vw.getDataBuffer().getBytes(0, bytes, 0, size);
      }
    }

    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      ArrowBuf offsets = v.getOffsetBuffer();
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          int start = offsets.getInt((long) i * 4);
          int end = offsets.getInt((long) i * 4 + 4);
          cw.write(Binary.fromReusedByteArray(bytes, start, end - start), r, def);
        }
      }
    }
  }

  /** Large (64-bit offset) VARCHAR and binary values, one copy per value. */
  private static final class LargeBytes extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      BaseLargeVariableWidthVector vw = (BaseLargeVariableWidthVector) v;
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        if (checkNulls && v.isNull(i)) {
          cw.writeNull(r, def - 1);
        } else {
          cw.write(Binary.fromConstantByteArray(vw.get(i)), r, def);
        }
      }
    }
  }

  /** A column of Arrow's Null type: every value NULL. */
  private static final class Nulls extends ParquetValues {
    @Override
    void write(ColumnWriter cw, FieldVector v, int from, int to, int firstRl, int rl, int def, boolean checkNulls) {
      int r = firstRl;
      for (int i = from; i < to; i++, r = rl) {
        cw.writeNull(r, def - 1);
      }
    }
  }
}
