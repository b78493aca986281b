package io.quiver.executor.expr;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A scalar expression in the physical plan. Types are Arrow types; the planner guarantees that every
 * {@link Call} is well typed (arguments already cast where SQL requires), so kernels only dispatch.
 *
 * <p>Type conventions: SQL DECIMAL is evaluated as Float8 (double); DATE is DateDay; TIMESTAMP is
 * TimeStampMicro (no zone); VARCHAR is Utf8; tensors are {@code FixedShapeTensorType}.
 */
public sealed interface Expr permits ColumnRef, Literal, Call {
  /** The Arrow type of the result. */
  ArrowType type();
}
