package io.quiver.executor.plan;

import io.quiver.executor.expr.Expr;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** Computes one output column per expression; {@code schema} names them. */
public record ProjectNode(PhysicalNode input, List<Expr> exprs, Schema schema) implements PhysicalNode {
  public ProjectNode {
    exprs = List.copyOf(exprs);
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
