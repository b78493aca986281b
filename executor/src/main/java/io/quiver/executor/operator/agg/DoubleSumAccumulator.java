package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/** SUM of floating point values in a {@code double} per group; NULL for a group with no non-NULL input. */
final class DoubleSumAccumulator implements Accumulator {
  private double[] sums = new double[0];
  private boolean[] seen = new boolean[0];

  @Override
  public void ensureCapacity(int groups) {
    sums = Capacity.grow(sums, groups);
    seen = Capacity.grow(seen, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    double[] s = sums;
    boolean[] z = seen;
    double[] v = input.doubles;
    if (!input.hasNulls) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        s[g] += v[i];
        z[g] = true;
      }
    } else {
      boolean[] nulls = input.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          int g = groupIds[i];
          s[g] += v[i];
          z[g] = true;
        }
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    DoubleSumAccumulator o = (DoubleSumAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      if (o.seen[g]) {
        sums[mapping[g]] += o.sums[g];
        seen[mapping[g]] = true;
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
    for (int i = 0; i < count; i++) {
      if (seen[from + i]) {
        sink.set(i, sums[from + i]);
      }
    }
  }
}
