package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN, MAX or ANY_VALUE of floating point values, ordered as {@link Double#compare} does (NaN above
 * every number, as in PostgreSQL and DuckDB).
 */
final class DoublePickAccumulator implements Accumulator {
  private final PickMode mode;
  private double[] values = new double[0];
  private boolean[] seen = new boolean[0];

  DoublePickAccumulator(PickMode mode) {
    this.mode = mode;
  }

  @Override
  public void ensureCapacity(int groups) {
    values = Capacity.grow(values, groups);
    seen = Capacity.grow(seen, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    double[] v = input.doubles;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    double[] kept = values;
    boolean[] z = seen;
    boolean min = mode == PickMode.MIN;
    boolean first = mode == PickMode.FIRST;
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      int g = groupIds[i];
      double x = v[i];
      if (!z[g]) {
        kept[g] = x;
        z[g] = true;
      } else if (!first) {
        int cmp = Double.compare(x, kept[g]);
        if (min ? cmp < 0 : cmp > 0) {
          kept[g] = x;
        }
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    DoublePickAccumulator o = (DoublePickAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      int t = mapping[g];
      if (o.seen[g] && (!seen[t] || mode.replaces(Double.compare(o.values[g], values[t])))) {
        values[t] = o.values[g];
        seen[t] = true;
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
    for (int i = 0; i < count; i++) {
      if (seen[from + i]) {
        sink.set(i, values[from + i]);
      }
    }
  }
}
