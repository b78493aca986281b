package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM or AVG of floating point values: a {@code double} sum and a count per group, interleaved in one
 * array so an update touches one cache line. NULL for a group without non-NULL input.
 */
final class DoubleSumAccumulator implements Accumulator {
  private final boolean average;
  /** Group g: state[2g] is the sum, state[2g+1] the count of non-NULL values. */
  private double[] state = new double[0];

  DoubleSumAccumulator(boolean average) {
    this.average = average;
  }

  @Override
  public void ensureCapacity(int groups) {
    state = Capacity.grow(state, 2 * groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    double[] s = state;
    double[] v = input.doubles;
    if (!input.hasNulls) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i] << 1;
        s[g] += v[i];
        s[g + 1]++;
      }
    } else {
      boolean[] nulls = input.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          int g = groupIds[i] << 1;
          s[g] += v[i];
          s[g + 1]++;
        }
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    double[] o = ((DoubleSumAccumulator) other).state;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      int t = mapping[g] << 1;
      state[t] += o[2 * g];
      state[t + 1] += o[2 * g + 1];
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
    for (int i = 0; i < count; i++) {
      int g = (from + i) << 1;
      if (state[g + 1] > 0) {
        sink.set(i, average ? state[g] / state[g + 1] : state[g]);
      }
    }
  }
}
