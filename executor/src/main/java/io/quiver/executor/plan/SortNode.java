package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sorts its input by {@code keys}; then skips {@code offset} rows and returns at most {@code fetch}
 * ({@code -1}: all). With a fetch it is a top-N that keeps only offset+fetch rows in memory.
 */
public record SortNode(PhysicalNode input, List<SortKey> keys, long offset, long fetch) implements PhysicalNode {
  public SortNode {
    keys = List.copyOf(keys);
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
