package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One top-level Parquet field and how it is read: a {@link Kind#PRIMITIVE} leaf, a {@link Kind#LIST}
 * of primitives ({@code element} is its leaf type), or any other nested shape read as {@link Kind#JSON}
 * text. {@code listField} is the Arrow list a LIST column is assembled into; it equals {@code field}
 * except for tensor columns (named in the file's {@code quiver.tensor} metadata), whose list is then
 * turned into the tensor {@code field} describes.
 */
record ParquetColumn(Field field, Kind kind, PrimitiveType element, Field listField) {
  enum Kind { PRIMITIVE, LIST, JSON }

  ParquetColumn(Field field, Kind kind, PrimitiveType element) {
    this(field, kind, element, field);
  }

  String name() {
    return field.getName();
  }

  /** True for a LIST column read back as a tensor. */
  boolean isTensor() {
    return listField != field;
  }
}
