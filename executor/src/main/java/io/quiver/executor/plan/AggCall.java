package io.quiver.executor.plan;

import io.quiver.executor.udf.UdfSpec;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One aggregate of an {@link AggregateNode}: {@code function} is one of count_star, count, sum, min, max,
 * avg, stddev_samp, stddev_pop, var_samp, var_pop; {@code arg} is the input column (-1 for count_star);
 * {@code type} is the result type. AVG, STDDEV and VARIANCE return Float8. DISTINCT aggregates are
 * rewritten by the planner into a grouping below, so they never reach the executor. A user aggregate
 * ({@link #UDAF}) has its function in {@code udf} and its argument columns in {@code args}.
 */
public record AggCall(String function, int arg, ArrowType type, String name, UdfSpec udf, int[] args) {
  /** A built-in aggregate of one column (or none, for count_star). */
  public AggCall(String function, int arg, ArrowType type, String name) {
    this(function, arg, type, name, null, arg < 0 ? new int[0] : new int[] {arg});
  }

  /** A user aggregate over {@code args}. */
  public static AggCall udaf(UdfSpec udf, int[] args, ArrowType type, String name) {
    return new AggCall(UDAF, args.length == 0 ? -1 : args[0], type, name, udf, args.clone());
  }

  /** The same call reading its columns at new positions ({@code mapping[old] = new}). */
  public AggCall remapped(int[] mapping) {
    int[] a = java.util.Arrays.stream(args).map(i -> mapping[i]).toArray();
    return new AggCall(function, arg < 0 ? -1 : mapping[arg], type, name, udf, a);
  }

  /** A user aggregate function (AggregateFunction in a jar). */
  public static final String UDAF = "udaf";
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
  /**
   * The state of a variance (count, mean, sum of squared deviations) as a 24-byte FixedSizeBinary column:
   * what a cluster's partial aggregation sends for STDDEV and VARIANCE, merged by {@link #merge}.
   */
  public static final String VAR_STATE = "var_state";
  /** The type of a {@link #VAR_STATE} column. */
  public static final ArrowType VAR_STATE_TYPE = new ArrowType.FixedSizeBinary(24);

  /**
   * The aggregate that merges state columns into the result of {@code function}: {@link #VAR_STATE}
   * columns for the four variance and standard deviation functions (e.g. {@code merge_stddev_samp}),
   * {@link #UDAF_STATE} columns for {@link #UDAF}.
   */
  public static String merge(String function) {
    return MERGE_PREFIX + function;
  }

  /**
   * A user aggregate's states, serialized, as a VarBinary column: what a cluster's partial aggregation
   * sends for a {@link #UDAF}, merged by {@code merge(UDAF)} (the same {@code udf}, reading that column).
   */
  public static final String UDAF_STATE = "udaf_state";

  /** The prefix of {@link #merge} functions. */
  public static final String MERGE_PREFIX = "merge_";
}
