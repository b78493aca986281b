package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The output of an earlier stage, as a leaf of a stage's fragment: the task reads the blocks its
 * {@link io.quiver.executor.cluster.TaskSpec#inputs()} lists under {@code stage}, in order (local
 * blocks from the worker's block store, others over Flight from their worker).
 */
public record StageInputNode(int stage, Schema schema) implements PhysicalNode {
  @Override
  public List<PhysicalNode> inputs() {
    return List.of();
  }
}
