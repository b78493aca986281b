package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs {@code parallelism} copies of its input pipeline on the thread pool and merges their batches
 * (in no particular order) through a bounded queue. The copies share the splits of the scan at the bottom
 * of the pipeline, each pulling the next split when it is free, so work balances itself.
 */
public record GatherNode(PhysicalNode input, int parallelism) implements PhysicalNode {
  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
