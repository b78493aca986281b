package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.column.ValueKind;
import org.apache.arrow.vector.FieldVector;

/**
 * AVG as a Float8: integers are summed exactly in a {@code long}, floating point in a {@code double},
 * with a count per group; NULL for a group with no non-NULL input.
 */
final class AvgAccumulator implements Accumulator {
  private final boolean integral;
  private long[] longSums = new long[0];
  private double[] doubleSums = new double[0];
  private long[] counts = new long[0];

  AvgAccumulator(ValueKind inputKind) {
    this.integral = inputKind == ValueKind.LONG;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (integral) {
      longSums = Capacity.grow(longSums, groups);
    } else {
      doubleSums = Capacity.grow(doubleSums, groups);
    }
    counts = Capacity.grow(counts, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    long[] c = counts;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    if (integral) {
      long[] s = longSums;
      long[] v = input.longs;
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          s[g] += v[i];
          c[g]++;
        }
      }
    } else {
      double[] s = doubleSums;
      double[] v = input.doubles;
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          s[g] += v[i];
          c[g]++;
        }
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    AvgAccumulator o = (AvgAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      int t = mapping[g];
      if (integral) {
        longSums[t] += o.longSums[g];
      } else {
        doubleSums[t] += o.doubleSums[g];
      }
      counts[t] += o.counts[g];
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
    for (int i = 0; i < count; i++) {
      int g = from + i;
      if (counts[g] > 0) {
        double sum = integral ? (double) longSums[g] : doubleSums[g];
        sink.set(i, sum / counts[g]);
      }
    }
  }
}
