package io.quiver.executor.operator.hash;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/** Keys held as longs: integers, booleans, dates, timestamps, and doubles as their canonical bits. */
final class LongKeyColumn implements KeyColumn {
  private final boolean doubleBits;
  private long[] values = new long[1024];
  private boolean[] nulls = new boolean[1024];
  private int size;

  LongKeyColumn(boolean doubleBits) {
    this.doubleBits = doubleBits;
  }

  @Override
  public void append(LoadedColumn c, int row) {
    ensure(size + 1);
    if (c.hasNulls && c.nulls[row]) {
      nulls[size++] = true;
    } else {
      values[size++] = c.longs[row];
    }
  }

  @Override
  public boolean matches(int key, LoadedColumn c, int row) {
    if (c.hasNulls && c.nulls[row]) {
      return nulls[key];
    }
    return values[key] == c.longs[row] && !nulls[key];
  }

  @Override
  public boolean matchesKey(int key, KeyColumn other, int otherKey) {
    LongKeyColumn o = (LongKeyColumn) other;
    return nulls[key] == o.nulls[otherKey] && (nulls[key] || values[key] == o.values[otherKey]);
  }

  @Override
  public void appendFrom(KeyColumn other, int key) {
    LongKeyColumn o = (LongKeyColumn) other;
    ensure(size + 1);
    values[size] = o.values[key];
    nulls[size++] = o.nulls[key];
  }

  /** The value of key {@code key} (unspecified when NULL). */
  long value(int key) {
    return values[key];
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    if (doubleBits) {
      ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
      for (int i = 0; i < count; i++) {
        if (!nulls[from + i]) {
          sink.set(i, Double.longBitsToDouble(values[from + i]));
        }
      }
    } else {
      ColumnWriters.LongSink sink = ColumnWriters.longs(out);
      for (int i = 0; i < count; i++) {
        if (!nulls[from + i]) {
          sink.set(i, values[from + i]);
        }
      }
    }
  }

  private void ensure(int n) {
    if (n > values.length) {
      int cap = Math.max(n, values.length * 2);
      values = Arrays.copyOf(values, cap);
      nulls = Arrays.copyOf(nulls, cap);
    }
  }
}
