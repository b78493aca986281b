package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Literal;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A constant, broadcast to a vector when a kernel needs one. Kernels with scalar fast paths read
 * {@link #value()} instead.
 */
final class LiteralNode extends Node {
  private final Object value;

  LiteralNode(Literal lit) {
    this(lit, lit.value(), lit.type());
  }

  LiteralNode(Expr origin, Object value, ArrowType type) {
    super(origin, type, new Node[0], false);
    this.value = value;
  }

  Object value() {
    return value;
  }

  @Override
  public FieldVector eval(Input in) {
    return Vectors.broadcast(value, type, in.rowCount(), in.allocator());
  }
}
