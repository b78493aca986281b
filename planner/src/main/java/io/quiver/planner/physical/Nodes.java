package io.quiver.planner.physical;

import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.UnionNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilds physical nodes with new inputs, for rewrites that walk the tree. */
public final class Nodes {
  private Nodes() {}

  public static PhysicalNode withInputs(PhysicalNode n, List<PhysicalNode> in) {
    if (in.equals(n.inputs())) {
      return n;
    }
    if (n instanceof FilterNode f) {
      return new FilterNode(in.get(0), f.condition());
    }
    if (n instanceof ProjectNode p) {
      return new ProjectNode(in.get(0), p.exprs(), p.schema());
    }
    if (n instanceof AggregateNode a) {
      return new AggregateNode(in.get(0), a.groupKeys(), a.aggregates(), a.schema(), a.phase());
    }
    if (n instanceof SortNode s) {
      return new SortNode(in.get(0), s.keys(), s.offset(), s.fetch());
    }
    if (n instanceof LimitNode l) {
      return new LimitNode(in.get(0), l.offset(), l.fetch());
    }
    if (n instanceof HashJoinNode j) {
      return new HashJoinNode(in.get(0), in.get(1), j.leftKeys(), j.rightKeys(), j.kind(), j.residual(), j.schema());
    }
    if (n instanceof UnionNode u) {
      return new UnionNode(in, u.schema());
    }
    if (n instanceof GatherNode g) {
      return new GatherNode(in.get(0), g.parallelism());
    }
    if (n instanceof UdfNode u) {
      return UdfNode.of(in.get(0), u.function(), u.args(), u.output());
    }
    if (n instanceof CopyWriteNode c) {
      return new CopyWriteNode(in.get(0), c.spec(), c.queryId());
    }
    throw new IllegalArgumentException("leaf node has no inputs: " + n);
  }

  /** {@code n} with {@code f} applied to each input. */
  public static PhysicalNode mapInputs(PhysicalNode n, UnaryOperator<PhysicalNode> f) {
    if (n.inputs().isEmpty()) {
      return n;
    }
    List<PhysicalNode> in = new ArrayList<>();
    for (PhysicalNode i : n.inputs()) {
      in.add(f.apply(i));
    }
    return withInputs(n, in);
  }
}
