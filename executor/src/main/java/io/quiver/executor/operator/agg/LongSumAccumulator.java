package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM of integers in a {@code long} per group (wrapping on overflow, as Java does); NULL for a group
 * with no non-NULL input. Written to whatever numeric type the plan declares (Int64, or cast to Float8).
 */
final class LongSumAccumulator implements Accumulator {
  private long[] sums = new long[0];
  private boolean[] seen = new boolean[0];

  @Override
  public void ensureCapacity(int groups) {
    sums = Capacity.grow(sums, groups);
    seen = Capacity.grow(seen, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    long[] s = sums;
    boolean[] z = seen;
    long[] v = input.longs;
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
    LongSumAccumulator o = (LongSumAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      if (o.seen[g]) {
        sums[mapping[g]] += o.sums[g];
        seen[mapping[g]] = true;
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.LongSink sink = ColumnWriters.longs(out);
    for (int i = 0; i < count; i++) {
      if (seen[from + i]) {
        sink.set(i, sums[from + i]);
      }
    }
  }
}
