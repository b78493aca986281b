package io.quiver.executor.plan;

import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One aggregate of an {@link AggregateNode}: {@code function} is one of count_star, count, sum, min, max,
 * avg, stddev_samp, stddev_pop, var_samp, var_pop; {@code arg} is the input column (-1 for count_star);
 * {@code type} is the result type. AVG, STDDEV and VARIANCE return Float8. DISTINCT aggregates are
 * rewritten by the planner into a grouping below, so they never reach the executor.
 */
public record AggCall(String function, int arg, ArrowType type, String name) {
  public static final String COUNT_STAR = "count_star";
  public static final String COUNT = "count";
  public static final String SUM = "sum";
  public static final String MIN = "min";
  public static final String MAX = "max";
  public static final String AVG = "avg";
  public static final String STDDEV_SAMP = "stddev_samp";
  public static final String STDDEV_POP = "stddev_pop";
  public static final String VAR_SAMP = "var_samp";
  public static final String VAR_POP = "var_pop";
  /** Any value of the group (used by the planner for single-value subqueries). */
  public static final String ANY_VALUE = "any_value";
}
