package io.quiver.planner.physical;

import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.TableScanNode;

/**
 * Runs each scan, with the filters and projections directly above it, as parallel per-split pipelines:
 * wraps every maximal Filter/Project chain over a scan in a {@link GatherNode}.
 */
public final class GatherInsertion {
  private GatherInsertion() {}

  public static PhysicalNode apply(PhysicalNode node, int parallelism) {
    if (parallelism > 1 && isScanChain(node)) {
      return new GatherNode(node, parallelism);
    }
    return Nodes.mapInputs(node, n -> apply(n, parallelism));
  }

  private static boolean isScanChain(PhysicalNode n) {
    PhysicalNode cur = n;
    while (cur instanceof FilterNode || cur instanceof ProjectNode) {
      cur = cur.inputs().get(0);
    }
    return cur instanceof ScanNode || cur instanceof TableScanNode;
  }
}
