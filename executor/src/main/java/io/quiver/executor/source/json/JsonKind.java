package io.quiver.executor.source.json;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The column types {@code read_json} infers: BIGINT for integers, DOUBLE for any other number (or a
 * mix of integers and other numbers), BOOLEAN, and VARCHAR for strings, nested objects and arrays (as
 * JSON text), mixed kinds, and keys that are only ever null.
 */
enum JsonKind {
  BIGINT(new ArrowType.Int(64, true)),
  DOUBLE(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  BOOLEAN(ArrowType.Bool.INSTANCE),
  VARCHAR(ArrowType.Utf8.INSTANCE);

  final ArrowType arrow;

  JsonKind(ArrowType arrow) {
    this.arrow = arrow;
  }

  /** The kind of a column that held values of kind {@code a} and of kind {@code b} (null: none yet). */
  static JsonKind merge(JsonKind a, JsonKind b) {
    if (a == null || a == b) {
      return b;
    }
    if ((a == BIGINT && b == DOUBLE) || (a == DOUBLE && b == BIGINT)) {
      return DOUBLE;
    }
    return VARCHAR;
  }
}
