package io.quiver.executor.operator.hash;

import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.column.ValueKind;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The stored values of one key column, one entry per key id, in growable primitive buffers. NULL is a
 * value of its own here: two NULL keys match (GROUP BY semantics; the join never stores NULL keys).
 */
public interface KeyColumn {
  /** Appends row {@code row} of {@code c} (loaded as a key) as the next key id. */
  void append(LoadedColumn c, int row);

  /** Whether key {@code key} equals row {@code row} of {@code c}. */
  boolean matches(int key, LoadedColumn c, int row);

  /** Whether key {@code key} equals key {@code otherKey} of {@code other} (same type). */
  boolean matchesKey(int key, KeyColumn other, int otherKey);

  /** Appends key {@code key} of {@code other} (same type) as the next key id; used to merge tables. */
  void appendFrom(KeyColumn other, int key);

  /** Writes keys {@code [from, from+count)} to rows {@code [0, count)} of {@code out}, already allocated. */
  void write(FieldVector out, int from, int count);

  /** The storage for keys of {@code type}. */
  static KeyColumn forType(ArrowType type) {
    ValueKind kind = ValueKind.of(type);
    switch (kind) {
      case LONG:
      case DOUBLE:
        return new LongKeyColumn(kind == ValueKind.DOUBLE);
      case BYTES:
        return new BytesKeyColumn();
      default:
        throw new QuiverException("Grouping or joining on a column of type " + type + " is not supported.");
    }
  }
}
