package io.quiver.executor.plan;

import io.quiver.executor.expr.Expr;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** Keeps the rows where {@code condition} is TRUE (not FALSE, not NULL). */
public record FilterNode(PhysicalNode input, Expr condition) implements PhysicalNode {
  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
