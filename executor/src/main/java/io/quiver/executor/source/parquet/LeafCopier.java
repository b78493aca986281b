package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Copies the values of one Parquet leaf column into an Arrow vector. Subclasses exist per (Parquet
 * physical type, Arrow type) pair and override {@link #copyFlat} with a tight loop for their type. A
 * copier is also the column's Parquet-MR converter, so string copiers can take dictionary pages whole
 * ({@link #setDictionary}) and then copy entries by id.
 *
 * <p>Nulls are never written: Arrow vectors start with every validity bit clear.
 */
abstract class LeafCopier extends PrimitiveConverter {
  protected FieldVector vector;

  /** The copier from a Parquet leaf type to the Arrow type {@link ParquetSchemas} maps it to. */
  static LeafCopier create(PrimitiveType p, ArrowType target) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return new DecimalCopier(p.getPrimitiveTypeName(), d.getScale());
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new BooleanCopier();
      case INT32:
        return IntCopiers.forInt32(p, target);
      case INT64:
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
          return TimestampCopiers.forInt64(t.getUnit());
        }
        return IntCopiers.forInt64();
      case INT96:
        return TimestampCopiers.forInt96();
      case FLOAT:
        return FloatCopiers.forFloat();
      case DOUBLE:
        return FloatCopiers.forDouble();
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          return FloatCopiers.forFloat16();
        }
        return new BinaryCopier();
      default:
        return new BinaryCopier();
    }
  }

  /** Directs the following copies into {@code target} (a fresh vector per batch). */
  void target(FieldVector target) {
    this.vector = target;
  }

  /**
   * Copies the next {@code n} rows of a column without repetition into indexes {@code 0..n-1}: a value
   * whose definition level is {@code maxDef} is defined, any lower level is a null.
   */
  void copyFlat(ColumnReader r, int n, int maxDef) {
    for (int i = 0; i < n; i++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        copyOne(r, i);
      }
      r.consume();
    }
  }

  /** Writes the reader's current, defined value at {@code index} (growing the vector if needed). */
  abstract void copyOne(ColumnReader r, int index);
}
