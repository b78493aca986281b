package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash aggregation: output columns are the group keys (in order) then one column per aggregate. With no
 * group keys it produces exactly one row, even over empty input (COUNT = 0, others NULL).
 */
public record AggregateNode(PhysicalNode input, int[] groupKeys, List<AggCall> aggregates, Schema schema)
    implements PhysicalNode {
  public AggregateNode {
    aggregates = List.copyOf(aggregates);
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
