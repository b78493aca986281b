package io.quiver.udf;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A user aggregate: a state per group, updated with batches of that group's rows, merged with states
 * computed elsewhere (other threads or workers), and turned into one result value.
 *
 * @param <S> the state; it must be {@link java.io.Serializable} so partial states can travel between workers
 */
public interface AggregateFunction<S extends java.io.Serializable> {
  /** Once per instance, with the {@code WITH (...)} options. */
  default void open(FunctionContext context) throws Exception {}

  /** A new, empty state. */
  S create();

  /** Adds rows {@code rows[0..count)} of the argument vectors to {@code state}, returning the new state. */
  S update(S state, List<FieldVector> arguments, int[] rows, int count);

  /** Combines two partial states of the same group. */
  S merge(S left, S right);

  /** Writes the final value of {@code state} at {@code index} of {@code out} (a vector of {@link #returnField}'s type). */
  void finish(S state, FieldVector out, int index);

  /** As {@link BatchFunction#returnField}: null means {@link QuiverFunction#returnType()}. */
  default Field returnField(List<Field> arguments, Map<String, String> options) {
    return null;
  }
}
