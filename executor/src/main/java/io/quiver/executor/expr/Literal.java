package io.quiver.executor.expr;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A constant. {@code value} is null, or a Java value matching {@code type}: Boolean, Long (all integer
 * widths), Double (floating point and decimal), String (Utf8), byte[] (binary), Integer (date: days since
 * epoch), Long (timestamp: microseconds since epoch).
 */
public record Literal(Object value, ArrowType type) implements Expr {
  @Override
  public String toString() {
    return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value);
  }
}
