package io.quiver.executor.expr;

import org.apache.arrow.vector.types.pojo.ArrowType;

/** The column at {@code index} of the input batch. */
public record ColumnRef(int index, ArrowType type) implements Expr {
  @Override
  public String toString() {
    return "$" + index;
  }
}
