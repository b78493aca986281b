package io.quiver.executor.expr;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A function applied to arguments; {@code function} is one of the names in {@link Functions}.
 * {@code type} is the result type (for {@code cast}, the target type).
 */
public record Call(String function, List<Expr> args, ArrowType type) implements Expr {
  public Call {
    args = List.copyOf(args);
  }

  @Override
  public String toString() {
    return function + args.stream().map(Object::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
