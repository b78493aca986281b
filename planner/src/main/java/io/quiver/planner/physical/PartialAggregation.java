package io.quiver.planner.physical;

import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.PhysicalNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an aggregation over a parallel gather into two phases, so every worker aggregates: a
 * {@link AggregateNode.Phase#PARTIAL} aggregate moves into the gathered pipeline, and a
 * {@link AggregateNode.Phase#FINAL} aggregate above the gather merges the partial states. Runs after
 * {@link GatherInsertion}; aggregates not directly over a gather stay one-phase.
 */
public final class PartialAggregation {
  private PartialAggregation() {}

  public static PhysicalNode apply(PhysicalNode node) {
    PhysicalNode n = Nodes.mapInputs(node, PartialAggregation::apply);
    if (n instanceof AggregateNode a && a.phase() == AggregateNode.Phase.SINGLE
        && a.input() instanceof GatherNode gather) {
      return split(a, gather);
    }
    return n;
  }

  private static AggregateNode split(AggregateNode a, GatherNode gather) {
    AggregateNode partial = new AggregateNode(gather.input(), a.groupKeys(), a.aggregates(), a.schema(),
        AggregateNode.Phase.PARTIAL);
    int k = a.groupKeys().length;
    int[] keys = new int[k];
    for (int i = 0; i < k; i++) {
      keys[i] = i;
    }
    List<AggCall> merges = new ArrayList<>();
    for (int i = 0; i < a.aggregates().size(); i++) {
      AggCall c = a.aggregates().get(i);
      merges.add(new AggCall(c.function(), k + i, c.type(), c.name()));
    }
    return new AggregateNode(new GatherNode(partial, gather.parallelism()), keys, merges, a.schema(),
        AggregateNode.Phase.FINAL);
  }
}
