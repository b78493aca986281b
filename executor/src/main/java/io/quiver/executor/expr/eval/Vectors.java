package io.quiver.executor.expr.eval;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Creating result vectors, broadcasting constants, and reading or writing single values in the
 * {@link io.quiver.executor.expr.Literal} value convention (Long for integers, Double for floating
 * point, Boolean, String, byte[], Integer days for DATE, Long micros for TIMESTAMP). The per-value
 * methods are for constants and slow paths only.
 */
final class Vectors {
  private Vectors() {}

  static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  static final ArrowType BIGINT = new ArrowType.Int(64, true);
  static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

  /** A vector of {@code type} with room for {@code n} rows, all null, owned by the caller. */
  static FieldVector allocate(ArrowType type, int n, BufferAllocator allocator) {
    return allocate(type, n, allocator, 16L * n);
  }

  /** Like {@link #allocate(ArrowType, int, BufferAllocator)}, with a byte estimate for strings. */
  static FieldVector allocate(ArrowType type, int n, BufferAllocator allocator, long bytes) {
    if (type instanceof ArrowType.Null) {
      return new NullVector("null", n);
    }
    FieldVector v = new Field("expr", FieldType.nullable(type), null).createVector(allocator);
    try {
      if (v instanceof BaseFixedWidthVector f) {
        f.allocateNew(Math.max(n, 1));
      } else if (v instanceof BaseVariableWidthVector w) {
        w.allocateNew(Math.max(bytes, 16), Math.max(n, 1));
      } else {
        v.setInitialCapacity(Math.max(n, 1));
        v.allocateNew();
      }
    } catch (RuntimeException e) {
      v.close();
      throw e;
    }
    return v;
  }

  /** Finishes a vector filled through its buffers: sets the value count. */
  static FieldVector done(FieldVector v, int n) {
    v.setValueCount(n);
    return v;
  }

  /** A vector of {@code n} copies of {@code value} (null gives all nulls). */
  static FieldVector broadcast(Object value, ArrowType type, int n, BufferAllocator allocator) {
    if (value == null) {
      return done(allocate(type, n, allocator, 0), n);
    }
    switch (Lanes.kind(type)) {
      case LONG: {
        FieldVector v = allocate(type, n, allocator);
        long x = toLong(value);
        long[] arr = new long[n];
        java.util.Arrays.fill(arr, x);
        Lanes.writeLongs(arr, n, v);
        Bits.setAll(v.getValidityBuffer(), n);
        return done(v, n);
      }
      case DOUBLE: {
        FieldVector v = allocate(type, n, allocator);
        double[] arr = new double[n];
        java.util.Arrays.fill(arr, ((Number) value).doubleValue());
        Lanes.writeDoubles(arr, n, v);
        Bits.setAll(v.getValidityBuffer(), n);
        return done(v, n);
      }
      case BYTES: {
        byte[] bytes = bytes(value);
        FieldVector v = allocate(type, n, allocator, (long) bytes.length * n);
        BaseVariableWidthVector w = (BaseVariableWidthVector) v;
        for (int i = 0; i < n; i++) {
          w.setSafe(i, bytes);
        }
        return done(v, n);
      }
      default:
        throw new IllegalArgumentException("no constants of type " + type);
    }
  }

  static long toLong(Object value) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) value).longValue();
  }

  static byte[] bytes(Object value) {
    return value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
  }

  static boolean isNull(FieldVector v, int i) {
    return !Bits.get(Bits.validity(v), i);
  }

  /** Row {@code i} of {@code v} in the Literal value convention, or null. */
  static Object get(FieldVector v, int i) {
    if (isNull(v, i)) {
      return null;
    }
    ArrowType t = v.getField().getType();
    switch (Lanes.kind(t)) {
      case LONG: {
        long x = Lanes.longs(v, i + 1, null)[i];
        if (t instanceof ArrowType.Bool) {
          return x != 0;
        }
        if (t instanceof ArrowType.Date) {
          return (int) x;
        }
        return x;
      }
      case DOUBLE:
        return Lanes.doubles(v, i + 1, null)[i];
      case BYTES: {
        byte[] b = ((BaseVariableWidthVector) v).get(i);
        return t instanceof ArrowType.Utf8 ? new String(b, StandardCharsets.UTF_8) : b;
      }
      default:
        return v.getObject(i);
    }
  }

  /** The UTF-8 text of row {@code i} of a string vector (not null-checked). */
  static String string(VarCharVector v, int i) {
    ArrowBuf off = v.getOffsetBuffer();
    int s = off.getInt((long) i << 2);
    int e = off.getInt((long) (i + 1) << 2);
    byte[] b = new byte[e - s];
    v.getDataBuffer().getBytes(s, b, 0, e - s);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** SQL spelling of a type for error messages. */
  static String sqlName(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      switch (i.getBitWidth()) {
        case 8:
          return "TINYINT";
        case 16:
          return "SMALLINT";
        case 32:
          return "INTEGER";
        default:
          return "BIGINT";
      }
    }
    if (t instanceof ArrowType.FloatingPoint f) {
      return f.getPrecision() == FloatingPointPrecision.DOUBLE ? "DOUBLE" : "FLOAT";
    }
    if (t instanceof ArrowType.Bool) {
      return "BOOLEAN";
    }
    if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
      return "VARCHAR";
    }
    if (t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary) {
      return "VARBINARY";
    }
    if (t instanceof ArrowType.Date) {
      return "DATE";
    }
    if (t instanceof ArrowType.Timestamp) {
      return "TIMESTAMP";
    }
    if (t instanceof ArrowType.Null) {
      return "NULL";
    }
    return t.toString();
  }
}
