package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.column.ValueKind;
import org.apache.arrow.vector.FieldVector;

/**
 * VAR_SAMP, VAR_POP, STDDEV_SAMP and STDDEV_POP as Float8, by Welford's online algorithm (count, mean
 * and sum of squared deviations per group, interleaved in one array), which stays accurate when the mean
 * is large compared to the spread, unlike sum-of-squares formulas. States merge with Chan et al.'s
 * pairwise formula. Sample statistics of fewer than two values, and population statistics of none, are
 * NULL.
 */
final class VarianceAccumulator implements Accumulator {
  private final boolean sample;
  private final boolean sqrt;
  /** Group g: state[3g] is the count, state[3g+1] the mean, state[3g+2] the sum of squared deviations. */
  private double[] state = new double[0];

  VarianceAccumulator(boolean sample, boolean sqrt) {
    this.sample = sample;
    this.sqrt = sqrt;
  }

  @Override
  public void ensureCapacity(int groups) {
    state = Capacity.grow(state, 3 * groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    double[] s = state;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    boolean integral = input.kind == ValueKind.LONG;
    long[] lv = input.longs;
    double[] dv = input.doubles;
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      int g = groupIds[i] * 3;
      double x = integral ? (double) lv[i] : dv[i];
      double k = s[g] + 1;
      double mean = s[g + 1];
      double delta = x - mean;
      mean += delta / k;
      s[g] = k;
      s[g + 1] = mean;
      s[g + 2] += delta * (x - mean);
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    double[] o = ((VarianceAccumulator) other).state;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      double nb = o[3 * g];
      if (nb == 0) {
        continue;
      }
      int t = mapping[g] * 3;
      double na = state[t];
      double nt = na + nb;
      double delta = o[3 * g + 1] - state[t + 1];
      state[t + 1] += delta * nb / nt;
      state[t + 2] += o[3 * g + 2] + delta * delta * (na * nb / nt);
      state[t] = nt;
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.DoubleSink sink = ColumnWriters.doubles(out);
    for (int i = 0; i < count; i++) {
      int g = (from + i) * 3;
      double denominator = sample ? state[g] - 1 : state[g];
      if (denominator > 0) {
        double variance = Math.max(0.0, state[g + 2] / denominator);
        sink.set(i, sqrt ? Math.sqrt(variance) : variance);
      }
    }
  }
}
