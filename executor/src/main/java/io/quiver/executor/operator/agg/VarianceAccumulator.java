package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.column.ValueKind;
import org.apache.arrow.vector.FieldVector;

/**
 * VAR_SAMP, VAR_POP, STDDEV_SAMP and STDDEV_POP as Float8, by Welford's online algorithm (count, mean
 * and sum of squared deviations per group), which stays accurate when the mean is large compared to the
 * spread, unlike sum-of-squares formulas. States merge with Chan et al.'s pairwise formula. Sample
 * statistics of fewer than two values, and population statistics of none, are NULL.
 */
final class VarianceAccumulator implements Accumulator {
  private final boolean sample;
  private final boolean sqrt;
  private long[] counts = new long[0];
  private double[] means = new double[0];
  private double[] m2s = new double[0];

  VarianceAccumulator(boolean sample, boolean sqrt) {
    this.sample = sample;
    this.sqrt = sqrt;
  }

  @Override
  public void ensureCapacity(int groups) {
    counts = Capacity.grow(counts, groups);
    means = Capacity.grow(means, groups);
    m2s = Capacity.grow(m2s, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    long[] c = counts;
    double[] mean = means;
    double[] m2 = m2s;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    boolean integral = input.kind == ValueKind.LONG;
    long[] lv = input.longs;
    double[] dv = input.doubles;
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      int g = groupIds[i];
      double x = integral ? (double) lv[i] : dv[i];
      long k = ++c[g];
      double delta = x - mean[g];
      double m = mean[g] + delta / k;
      mean[g] = m;
      m2[g] += delta * (x - m);
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    VarianceAccumulator o = (VarianceAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      long nb = o.counts[g];
      if (nb == 0) {
        continue;
      }
      int t = mapping[g];
      long na = counts[t];
      long nt = na + nb;
      double delta = o.means[g] - means[t];
      means[t] += delta * nb / nt;
      m2s[t] += o.m2s[g] + delta * delta * ((double) na * nb / nt);
      counts[t] = nt;
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
    for (int i = 0; i < count; i++) {
      int g = from + i;
      long k = counts[g];
      long denominator = sample ? k - 1 : k;
      if (denominator > 0) {
        double variance = Math.max(0.0, m2s[g] / denominator);
        sink.set(i, sqrt ? Math.sqrt(variance) : variance);
      }
    }
  }
}
