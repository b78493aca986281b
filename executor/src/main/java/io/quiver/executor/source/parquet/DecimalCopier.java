package io.quiver.executor.source.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.arrow.vector.Float8Vector;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Copies DECIMAL values of any physical encoding (INT32, INT64, big-endian two's complement BINARY or
 * FIXED_LEN_BYTE_ARRAY) into Float8, the engine's representation of SQL DECIMAL.
 */
final class DecimalCopier extends LeafCopier {
  private final PrimitiveTypeName physical;
  private final int scale;
  private final double divisor;

  DecimalCopier(PrimitiveTypeName physical, int scale) {
    this.physical = physical;
    this.scale = scale;
    this.divisor = Math.pow(10, scale);
  }

  @Override
  void copyOne(ColumnReader r, int index) {
    ((Float8Vector) vector).setSafe(index, read(r));
  }

  private double read(ColumnReader r) {
    switch (physical) {
      case INT32:
        return r.getInteger() / divisor;
      case INT64:
        return unscaled(r.getLong());
      default:
        return fromBytes(r.getBinary());
    }
  }

  private double unscaled(long v) {
    // Exact for |v| < 2^53; beyond that BigDecimal keeps the rounding to one step.
    return Math.abs(v) < (1L << 53) ? v / divisor : BigDecimal.valueOf(v, scale).doubleValue();
  }

  private double fromBytes(Binary b) {
    byte[] bytes = b.getBytesUnsafe();
    int n = b.length();
    if (n == 0) {
      return 0;
    }
    if (n <= 8) {
      long v = bytes[0]; // sign-extends
      for (int i = 1; i < n; i++) {
        v = (v << 8) | (bytes[i] & 0xFF);
      }
      return unscaled(v);
    }
    return new BigDecimal(new BigInteger(bytes, 0, n), scale).doubleValue();
  }
}
