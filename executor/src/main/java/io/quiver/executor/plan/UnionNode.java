package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** UNION ALL: the rows of every input, in input order; all inputs have {@code schema}'s types. */
public record UnionNode(List<PhysicalNode> inputs, Schema schema) implements PhysicalNode {
  public UnionNode {
    inputs = List.copyOf(inputs);
  }
}
