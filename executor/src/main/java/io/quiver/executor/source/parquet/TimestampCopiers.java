package io.quiver.executor.source.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

/** Copiers from Parquet INT64 TIMESTAMP (any unit) and legacy INT96 timestamps to TimeStampMicro. */
final class TimestampCopiers {
  /** Julian day number of 1970-01-01. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private TimestampCopiers() {}

  static LeafCopier forInt64(TimeUnit unit) {
    switch (unit) {
      case MILLIS:
        return new Int64Timestamp(1000, 1);
      case NANOS:
        return new Int64Timestamp(1, 1000);
      default:
        return new Int64Timestamp(1, 1);
    }
  }

  static LeafCopier forInt96() {
    return new Int96Timestamp();
  }

  /** Spark/Impala INT96: 8 bytes of nanoseconds in the day, then 4 bytes of Julian day, little-endian. */
  static long int96ToMicros(Binary b) {
    if (b.length() != 12) {
      throw new IllegalStateException("an INT96 value has " + b.length() + " bytes instead of 12");
    }
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buf.getLong(buf.position());
    long julianDay = buf.getInt(buf.position() + 8);
    return (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L);
  }

  private static final class Int64Timestamp extends LeafCopier {
    private final long multiplier;
    private final long divisor;

    Int64Timestamp(long multiplier, long divisor) {
      this.multiplier = multiplier;
      this.divisor = divisor;
    }

    @Override
    void copyFlat(ColumnReader r, int n, int maxDef) {
      TimeStampMicroVector v = (TimeStampMicroVector) vector;
      for (int i = 0; i < n; i++) {
        if (r.getCurrentDefinitionLevel() == maxDef) {
          v.set(i, convert(r.getLong()));
        }
        r.consume();
      }
    }

    @Override
    void copyOne(ColumnReader r, int index) {
      ((TimeStampMicroVector) vector).setSafe(index, convert(r.getLong()));
    }

    private long convert(long v) {
      return divisor == 1 ? v * multiplier : Math.floorDiv(v, divisor);
    }
  }

  private static final class Int96Timestamp extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      ((TimeStampMicroVector) vector).setSafe(index, int96ToMicros(r.getBinary()));
    }
  }
}
