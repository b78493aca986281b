package io.quiver.server;

import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.executor.runtime.OperatorStats;
import io.quiver.executor.runtime.PoolStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of one running query and the metrics its operators record, read as {@link OperatorProgress}
 * snapshots from any thread while the query runs (the metrics are atomic counters).
 */
final class QueryProgress {
  private final PhysicalNode plan;
  private final ExecMetrics metrics;

  QueryProgress(PhysicalNode plan, ExecMetrics metrics) {
    this.plan = plan;
    this.metrics = metrics;
  }

  /** One snapshot per plan node, in plan order (root first, inputs below it). */
  List<OperatorProgress> snapshot() {
    List<OperatorProgress> out = new ArrayList<>();
    add(plan, 0, out);
    return out;
  }

  private void add(PhysicalNode n, int depth, List<OperatorProgress> out) {
    OperatorStats s = metrics.get(n);
    PoolStats p = metrics.pool(n);
    boolean pool = n instanceof UdfNode u && u.function().hints().isPool();
    out.add(new OperatorProgress(depth, label(n), s != null, s == null ? 0 : s.rows(), s == null ? 0 : s.batches(),
        s == null ? 0 : s.millis(), pool, p == null ? 0 : p.liveActors(), p == null ? 0 : p.busyActors(),
        p == null ? 0 : p.queuedBatches()));
    for (PhysicalNode in : n.inputs()) {
      add(in, depth + 1, out);
    }
  }

  /** A short operator name; EXPLAIN prints the long form. */
  static String label(PhysicalNode n) {
    if (n instanceof ScanNode s) {
      return "Scan " + s.function();
    }
    if (n instanceof TableScanNode t) {
      return "TableScan " + t.table();
    }
    if (n instanceof UdfNode u) {
      return (u.function().hints().isPool() ? "ActorPool " : "Udf ") + u.function().name();
    }
    if (n instanceof AggregateNode a) {
      return a.phase() == AggregateNode.Phase.PARTIAL ? "HashAggregate(partial)" : "HashAggregate";
    }
    if (n instanceof SortNode s) {
      return s.fetch() >= 0 ? "TopN" : "Sort";
    }
    if (n instanceof HashJoinNode j) {
      return "HashJoin " + j.kind();
    }
    if (n instanceof GatherNode g) {
      return "Gather x" + g.parallelism();
    }
    String name = n.getClass().getSimpleName();
    return name.endsWith("Node") ? name.substring(0, name.length() - 4) : name;
  }
}
