package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/** MIN, MAX or ANY_VALUE of integers, booleans, dates, times and timestamps, kept as a {@code long}. */
final class LongPickAccumulator implements Accumulator {
  private final PickMode mode;
  private long[] values = new long[0];
  private boolean[] seen = new boolean[0];

  LongPickAccumulator(PickMode mode) {
    this.mode = mode;
  }

  @Override
  public void ensureCapacity(int groups) {
    values = Capacity.grow(values, groups);
    seen = Capacity.grow(seen, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    long[] v = input.longs;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    long[] kept = values;
    boolean[] z = seen;
    switch (mode) {
      case MIN:
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            int g = groupIds[i];
            long x = v[i];
            if (!z[g] || x < kept[g]) {
              kept[g] = x;
              z[g] = true;
            }
          }
        }
        break;
      case MAX:
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            int g = groupIds[i];
            long x = v[i];
            if (!z[g] || x > kept[g]) {
              kept[g] = x;
              z[g] = true;
            }
          }
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          if ((nulls == null || !nulls[i]) && !z[groupIds[i]]) {
            kept[groupIds[i]] = v[i];
            z[groupIds[i]] = true;
          }
        }
        break;
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    LongPickAccumulator o = (LongPickAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      int t = mapping[g];
      if (o.seen[g] && (!seen[t] || mode.replaces(Long.compare(o.values[g], values[t])))) {
        values[t] = o.values[g];
        seen[t] = true;
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.LongSink sink = ColumnWriters.longs(out);
    for (int i = 0; i < count; i++) {
      if (seen[from + i]) {
        sink.set(i, values[from + i]);
      }
    }
  }
}
