package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash aggregation: output columns are the group keys (in order) then one column per aggregate. With no
 * group keys it produces exactly one row, even over empty input (COUNT = 0, others NULL).
 *
 * <p>{@link Phase#SINGLE} aggregates its input in one place. A two-phase aggregation is a
 * {@link Phase#FINAL} node over a {@link GatherNode} over a {@link Phase#PARTIAL} node: each parallel
 * worker folds its share of the splits into a partial state (keys plus one accumulator state per
 * aggregate, laid out as this node's schema), and the final node merges those states group by group.
 * The final node's group keys are columns {@code [0, k)} of the partial output and aggregate {@code a}
 * merges column {@code k + a}, with the same function as the partial aggregate.
 */
public record AggregateNode(PhysicalNode input, int[] groupKeys, List<AggCall> aggregates, Schema schema,
    Phase phase) implements PhysicalNode {
  /** Where this aggregation stands in a one- or two-phase aggregation. */
  public enum Phase {
    /** Aggregates raw rows and produces results. */
    SINGLE,
    /** Aggregates raw rows into states that a {@link #FINAL} node merges. */
    PARTIAL,
    /** Merges the states of the {@link #PARTIAL} node under its gather and produces results. */
    FINAL
  }

  public AggregateNode {
    aggregates = List.copyOf(aggregates);
  }

  /** A {@link Phase#SINGLE} aggregation. */
  public AggregateNode(PhysicalNode input, int[] groupKeys, List<AggCall> aggregates, Schema schema) {
    this(input, groupKeys, aggregates, schema, Phase.SINGLE);
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
