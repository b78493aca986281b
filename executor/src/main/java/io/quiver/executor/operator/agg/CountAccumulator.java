package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/** COUNT(*) (every row) and COUNT(x) (non-NULL rows); an empty group counts 0, never NULL. */
final class CountAccumulator implements Accumulator {
  private long[] counts = new long[0];

  @Override
  public void ensureCapacity(int groups) {
    counts = Capacity.grow(counts, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    long[] c = counts;
    if (input == null || !input.hasNulls) {
      for (int i = 0; i < n; i++) {
        c[groupIds[i]]++;
      }
    } else {
      boolean[] nulls = input.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          c[groupIds[i]]++;
        }
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    long[] o = ((CountAccumulator) other).counts;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      counts[mapping[g]] += o[g];
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.LongSink sink = ColumnWriters.longs(out);
    for (int i = 0; i < count; i++) {
      sink.set(i, counts[from + i]);
    }
  }
}
