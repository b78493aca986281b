package io.quiver.executor.operator.column;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * How the operators hold values of an Arrow type on the heap: integers, booleans, dates, times and
 * timestamps as {@code long}; floating point as {@code double}; strings and binaries as bytes. Anything
 * else (tensors, lists, decimals) is {@link #OTHER}: only its NULLs can be read.
 */
public enum ValueKind {
  LONG, DOUBLE, BYTES, OTHER;

  /** The kind that holds values of {@code type}. */
  public static ValueKind of(ArrowType type) {
    switch (type.getTypeID()) {
      case Int:
      case Bool:
      case Date:
      case Time:
      case Timestamp:
      case Duration:
        return LONG;
      case FloatingPoint:
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.HALF ? OTHER : DOUBLE;
      case Utf8:
      case Binary:
      case FixedSizeBinary:
        return BYTES;
      default:
        return OTHER;
    }
  }
}
