package io.quiver.planner.physical;

import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UdfNode;

/**
 * Runs each scan, with the filters and projections directly above it, as parallel per-split pipelines:
 * wraps every maximal Filter/Project chain over a scan in a {@link GatherNode}. Stateless UDF calls
 * belong to the chain (plain tasks in each pipeline); an actor pool's node stays above the gather, so the
 * parallel readers feed its one pool.
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
    while (cur instanceof FilterNode || cur instanceof ProjectNode
        || cur instanceof UdfNode u && !u.function().hints().isPool()) {
      cur = cur.inputs().get(0);
    }
    return cur instanceof ScanNode || cur instanceof TableScanNode;
  }
}
