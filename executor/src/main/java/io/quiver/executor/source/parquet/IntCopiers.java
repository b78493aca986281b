package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/** Copiers from Parquet INT32/INT64 (plain, sized and unsigned integers, DATE, TIME) to Arrow integers. */
final class IntCopiers {
  private IntCopiers() {}

  static LeafCopier forInt32(PrimitiveType p, ArrowType target) {
    if (target instanceof ArrowType.Date) {
      return new ToDateDay();
    }
    int width = ((ArrowType.Int) target).getBitWidth();
    boolean unsigned = p.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation i && !i.isSigned();
    switch (width) {
      case 8:
        return new ToTinyInt();
      case 16:
        return new ToSmallInt();
      case 32:
        return new ToInt();
      default:
        return unsigned ? new UnsignedToBigInt() : new Int32ToBigInt();
    }
  }

  static LeafCopier forInt64() {
    return new ToBigInt();
  }

  private static final class ToInt extends LeafCopier {
    @Override
    void copyFlat(ColumnReader r, int n, int maxDef) {
      IntVector v = (IntVector) vector;
      if (maxDef == 0) {
        for (int i = 0; i < n; i++) {
          v.set(i, r.getInteger());
          r.consume();
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            v.set(i, r.getInteger());
          }
          r.consume();
        }
      }
    }

    @Override
    void copyOne(ColumnReader r, int index) {
      ((IntVector) vector).setSafe(index, r.getInteger());
    }
  }

  private static final class ToBigInt extends LeafCopier {
    @Override
    void copyFlat(ColumnReader r, int n, int maxDef) {
      BigIntVector v = (BigIntVector) vector;
      if (maxDef == 0) {
        for (int i = 0; i < n; i++) {
          v.set(i, r.getLong());
          r.consume();
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (r.getCurrentDefinitionLevel() == maxDef) {
            v.set(i, r.getLong());
          }
          r.consume();
        }
      }
    }

    @Override
    void copyOne(ColumnReader r, int index) {
      ((BigIntVector) vector).setSafe(index, r.getLong());
    }
  }

  private static final class ToTinyInt extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      ((TinyIntVector) vector).setSafe(index, (byte) r.getInteger());
    }
  }

  /** INT(16) and UINT(8) values. */
  private static final class ToSmallInt extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      ((SmallIntVector) vector).setSafe(index, (short) r.getInteger());
    }
  }

  private static final class Int32ToBigInt extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      ((BigIntVector) vector).setSafe(index, r.getInteger());
    }
  }

  private static final class UnsignedToBigInt extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      ((BigIntVector) vector).setSafe(index, Integer.toUnsignedLong(r.getInteger()));
    }
  }

  private static final class ToDateDay extends LeafCopier {
    @Override
    void copyOne(ColumnReader r, int index) {
      ((DateDayVector) vector).setSafe(index, r.getInteger());
    }
  }
}
