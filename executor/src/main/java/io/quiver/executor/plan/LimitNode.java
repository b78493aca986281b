package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** Skips {@code offset} rows and passes at most {@code fetch} ({@code -1}: all); stops pulling its input once done. */
public record LimitNode(PhysicalNode input, long offset, long fetch) implements PhysicalNode {
  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
