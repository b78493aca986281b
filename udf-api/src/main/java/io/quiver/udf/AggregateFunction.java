package io.quiver.udf;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A user aggregate: a state per group, updated with batches of that group's rows, merged with states
 * computed elsewhere (other threads or workers), and turned into one result value. Works under
 * {@code GROUP BY} and for a whole table, in one process or on a cluster.
 *
 * <p>For every group the engine calls {@link #create} once per partial aggregation, {@link #update} for
 * each batch of the group's rows, {@link #merge} to combine partial states (in any order and grouping,
 * so merge must be associative and commutative), then {@link #finish} once. States may be serialized
 * with Java serialization between {@code update} and {@code merge} when they cross workers.
 *
 * <p>Example, a sum of squares:
 * <pre>{@code
 * @QuiverFunction(name = "sum_sq", returnType = "DOUBLE")
 * public final class SumSquares implements AggregateFunction<double[]> {
 *   public double[] create() { return new double[1]; }
 *   public double[] update(double[] s, List<FieldVector> args, int[] rows, int count) {
 *     Float8Vector x = (Float8Vector) args.get(0);
 *     for (int i = 0; i < count; i++) if (!x.isNull(rows[i])) s[0] += x.get(rows[i]) * x.get(rows[i]);
 *     return s;
 *   }
 *   public double[] merge(double[] a, double[] b) { a[0] += b[0]; return a; }
 *   public void finish(double[] s, FieldVector out, int index) { ((Float8Vector) out).setSafe(index, s[0]); }
 * }
 * }</pre>
 *
 * <p>Instances follow the same life cycle and threading as {@link BatchFunction} ({@code open} once, one
 * thread at a time); the same instance serves many groups, so keep per-group data in the state only.
 *
 * @param <S> the state; it must be {@link java.io.Serializable} so partial states can travel between workers
 */
public interface AggregateFunction<S extends java.io.Serializable> {
  /** Once per instance, with the {@code WITH (...)} options. */
  default void open(FunctionContext context) throws Exception {}

  /** A new, empty state (the result of an aggregate over no rows is {@code finish} of this). */
  S create();

  /**
   * Adds rows {@code rows[0..count)} of the argument vectors to {@code state}, returning the new state
   * (it may be {@code state} itself, updated in place). The vectors belong to the engine: do not keep them.
   */
  S update(S state, List<FieldVector> arguments, int[] rows, int count);

  /** Combines two partial states of the same group; may reuse and return {@code left}. */
  S merge(S left, S right);

  /**
   * Writes the final value of {@code state} at {@code index} of {@code out}, a vector of
   * {@link #returnField}'s (or {@link QuiverFunction#returnType()}'s) type; use the {@code setSafe}
   * methods, and {@code setNull} for a NULL result.
   */
  void finish(S state, FieldVector out, int index);

  /** As {@link BatchFunction#returnField}: null means {@link QuiverFunction#returnType()}. */
  default Field returnField(List<Field> arguments, Map<String, String> options) {
    return null;
  }
}
