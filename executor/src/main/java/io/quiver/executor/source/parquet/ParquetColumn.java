package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One top-level Parquet field and how it is read: a {@link Kind#PRIMITIVE} leaf, a {@link Kind#LIST}
 * of primitives ({@code element} is its leaf type), or any other nested shape read as {@link Kind#JSON}
 * text.
 */
record ParquetColumn(Field field, Kind kind, PrimitiveType element) {
  enum Kind { PRIMITIVE, LIST, JSON }

  String name() {
    return field.getName();
  }
}
