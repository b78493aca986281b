package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads a materialized table from the {@link io.quiver.executor.runtime.TableStore}. */
public record TableScanNode(String table, Schema sourceSchema, int[] projection) implements PhysicalNode {
  /** The projected columns this scan produces. */
  @Override
  public Schema schema() {
    return Projections.project(sourceSchema, projection);
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of();
  }
}
