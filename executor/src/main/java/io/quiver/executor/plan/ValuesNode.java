package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** Constant rows (VALUES, or a query without FROM); values follow {@link io.quiver.executor.expr.Literal}'s conventions. */
public record ValuesNode(Schema schema, List<List<Object>> rows) implements PhysicalNode {
  @Override
  public List<PhysicalNode> inputs() {
    return List.of();
  }
}
