package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/**
 * The state of one aggregate for every group, indexed by dense group id. The operator grows it with
 * {@link #ensureCapacity} before each {@link #update}, and reads results with {@link #write}.
 */
public interface Accumulator extends AutoCloseable {
  /** Makes room for groups {@code [0, groups)}; new groups start empty. */
  void ensureCapacity(int groups);

  /**
   * Adds rows {@code [0, n)} to groups {@code groupIds[i]}.
   *
   * @param input the argument column as loaded, or null for COUNT(*)
   * @param raw the same column as an Arrow vector (for types the heap view cannot hold), or null
   */
  void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n);

  /**
   * Folds group {@code g} of {@code other} (an accumulator of the same function and type) into group
   * {@code mapping[g]} of this one, for every group of {@code other} whose mapping is not negative: the
   * final step after partial aggregation. The caller has called {@link #ensureCapacity} for the mapped ids.
   */
  void merge(Accumulator other, int[] mapping);

  /** Writes the results of groups {@code [from, from+count)} to rows {@code [0, count)} of the allocated {@code out}. */
  void write(FieldVector out, int from, int count);

  /** Releases Arrow memory the state holds, if any. */
  @Override
  default void close() {}
}
