package io.quiver.planner.logical;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites a freshly converted query into the shapes the physical converter expects: sub-queries
 * become joins, correlation is removed, DISTINCT aggregates become two-level aggregation, UNION becomes
 * UNION ALL plus a grouping, and filters and projections move toward the scans.
 */
public final class LogicalOptimizer {
  private LogicalOptimizer() {}

  /** Sub-queries to correlates (then decorrelated). */
  private static final List<RelOptRule> SUB_QUERIES = List.of(
      CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
      CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
      CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);

  /** Rewrites into executable shapes, and pushdowns. */
  private static final List<RelOptRule> REWRITES = List.of(
      CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES_TO_JOIN,
      CoreRules.UNION_TO_DISTINCT,
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.JOIN_CONDITION_PUSH,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_AGGREGATE_TRANSPOSE,
      CoreRules.FILTER_SET_OP_TRANSPOSE,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_JOIN_TRANSPOSE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      CoreRules.AGGREGATE_PROJECT_MERGE);
  // No REDUCE_EXPRESSIONS rules: they fold constants with Calcite's own function implementations,
  // whose semantics (split_part, casts, division by zero) differ from the executor's.

  public static RelNode optimize(RelNode rel) {
    RelNode r = hep(rel, SUB_QUERIES);
    RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(r.getCluster(), null);
    r = RelDecorrelator.decorrelateQuery(r, builder);
    return hep(r, REWRITES);
  }

  private static RelNode hep(RelNode rel, List<RelOptRule> rules) {
    HepProgramBuilder b = HepProgram.builder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
    b.addRuleCollection(rules);
    HepPlanner planner = new HepPlanner(b.build());
    planner.setRoot(rel);
    return planner.findBestExp();
  }
}
