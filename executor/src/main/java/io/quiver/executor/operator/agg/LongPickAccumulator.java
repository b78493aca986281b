package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN, MAX or ANY_VALUE of integers, booleans, dates, times and timestamps, kept as a {@code long} next
 * to a has-value flag in one interleaved array.
 */
final class LongPickAccumulator implements Accumulator {
  private final PickMode mode;
  /** Group g: state[2g] is the kept value, state[2g+1] is 1 once the group has one. */
  private long[] state = new long[0];

  LongPickAccumulator(PickMode mode) {
    this.mode = mode;
  }

  @Override
  public void ensureCapacity(int groups) {
    state = Capacity.grow(state, 2 * groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    long[] v = input.longs;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    long[] s = state;
    switch (mode) {
      case MIN:
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            int g = groupIds[i] << 1;
            long x = v[i];
            if (s[g + 1] == 0 || x < s[g]) {
              s[g] = x;
              s[g + 1] = 1;
            }
          }
        }
        break;
      case MAX:
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            int g = groupIds[i] << 1;
            long x = v[i];
            if (s[g + 1] == 0 || x > s[g]) {
              s[g] = x;
              s[g + 1] = 1;
            }
          }
        }
        break;
      default:
        for (int i = 0; i < n; i++) {
          int g = groupIds[i] << 1;
          if ((nulls == null || !nulls[i]) && s[g + 1] == 0) {
            s[g] = v[i];
            s[g + 1] = 1;
          }
        }
        break;
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    long[] o = ((LongPickAccumulator) other).state;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      int t = mapping[g] << 1;
      if (o[2 * g + 1] != 0 && (state[t + 1] == 0 || mode.replaces(Long.compare(o[2 * g], state[t])))) {
        state[t] = o[2 * g];
        state[t + 1] = 1;
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.LongSink sink = ColumnWriters.longs(out);
    for (int i = 0; i < count; i++) {
      int g = (from + i) << 1;
      if (state[g + 1] != 0) {
        sink.set(i, state[g]);
      }
    }
  }
}
