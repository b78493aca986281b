package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/** Copiers from Parquet FLOAT, DOUBLE and FLOAT16 (2-byte fixed binary) to Arrow floating point. */
final class FloatCopiers {
  private FloatCopiers() {}

  static LeafCopier forFloat() {
    return new FloatToFloat4();
  }

  static LeafCopier forDouble() {
    return new DoubleToFloat8();
  }

  static LeafCopier forFloat16() {
    return new Float16ToFloat4();
  }

  private static final class FloatToFloat4 extends LeafCopier {
    @Override
    void copyFlat(ColumnReader r, int n, int maxDef) {
      Float4Vector v = (Float4Vector) vector;
      for (int i = 0; i < n; i++) {
        if (r.getCurrentDefinitionLevel() == maxDef) {
          v.set(i, r.getFloat());
        }
        r.consume();
      }
    }

    @Override
    void copyOne(ColumnReader r, int index) {
      ((Float4Vector) vector).setSafe(index, r.getFloat());
    }
  }

  private static final class DoubleToFloat8 extends LeafCopier {
    @Override
    void copyFlat(ColumnReader r, int n, int maxDef) {
      Float8Vector v = (Float8Vector) vector;
      if (maxDef == 0) {
        for (int i = 0; i < n; i++) {
          v.set(i, r.getDouble());
          r.consume();
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            v.set(i, r.getDouble());
          }
          r.consume();
        }
      }
    }

    @Override
    void copyOne(ColumnReader r, int index) {
      ((Float8Vector) vector).setSafe(index, r.getDouble());
    }
  }

  private static final class Float16ToFloat4 extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      Binary b = r.getBinary();
      if (b.length() != 2) {
        throw new IllegalStateException("a FLOAT16 value has " + b.length() + " bytes instead of 2");
      }
      byte[] bytes = b.getBytesUnsafe();
      int bits = (bytes[0] & 0xFF) | ((bytes[1] & 0xFF) << 8); // little-endian
      ((Float4Vector) vector).setSafe(index, halfToFloat(bits));
    }
  }

  /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(int bits) {
    int sign = (bits >>> 15) & 1;
    int exp = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    float value;
    if (exp == 0) {
      value = mantissa * 0x1p-24f; // zero or subnormal
    } else if (exp == 31) {
      value = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      value = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mantissa << 13));
    }
    return sign == 1 ? -value : value;
  }
}
