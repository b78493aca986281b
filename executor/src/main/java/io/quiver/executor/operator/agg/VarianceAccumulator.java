package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.column.ValueKind;
import io.quiver.executor.plan.AggCall;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;

/**
 * VAR_SAMP, VAR_POP, STDDEV_SAMP and STDDEV_POP as Float8, by Welford's online algorithm (count, mean
 * and sum of squared deviations per group, interleaved in one array), which stays accurate when the mean
 * is large compared to the spread, unlike sum-of-squares formulas. States merge with Chan et al.'s
 * pairwise formula. Sample statistics of fewer than two values, and population statistics of none, are
 * NULL.
 *
 * <p>Across processes (a cluster's GROUP BY) the state itself travels: {@link AggCall#VAR_STATE} writes
 * it as a {@link AggCall#VAR_STATE_TYPE} column (count, mean, sum of squared deviations as three little-endian
 * doubles) and the {@link AggCall#merge merge} aggregates read such columns and merge them with the same
 * formula, so a distributed STDDEV shuffles one state per group and task, not the rows, and keeps
 * Welford's accuracy.
 */
final class VarianceAccumulator implements Accumulator {
  private final boolean sample;
  private final boolean sqrt;
  /** Input rows are serialized states to merge, not values. */
  private final boolean stateInput;
  /** Writes the state itself (a {@link AggCall#VAR_STATE_TYPE} column) instead of the statistic. */
  private final boolean stateOutput;
  /** Group g: state[3g] is the count, state[3g+1] the mean, state[3g+2] the sum of squared deviations. */
  private double[] state = new double[0];

  VarianceAccumulator(boolean sample, boolean sqrt) {
    this(sample, sqrt, false, false);
  }

  private VarianceAccumulator(boolean sample, boolean sqrt, boolean stateInput, boolean stateOutput) {
    this.sample = sample;
    this.sqrt = sqrt;
    this.stateInput = stateInput;
    this.stateOutput = stateOutput;
  }

  /** Folds values into a state and writes the state ({@link AggCall#VAR_STATE}). */
  static VarianceAccumulator stateOf() {
    return new VarianceAccumulator(false, false, false, true);
  }

  /** Merges serialized states and writes the statistic (the {@link AggCall#merge merge} of a variance). */
  static VarianceAccumulator merging(boolean sample, boolean sqrt) {
    return new VarianceAccumulator(sample, sqrt, true, false);
  }

  @Override
  public void ensureCapacity(int groups) {
    state = Capacity.grow(state, 3 * groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    if (stateInput) {
      mergeStates((FixedSizeBinaryVector) raw, groupIds, n);
      return;
    }
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

  private void mergeStates(FixedSizeBinaryVector states, int[] groupIds, int n) {
    ArrowBuf data = states.getDataBuffer();
    for (int i = 0; i < n; i++) {
      if (states.isNull(i)) {
        continue;
      }
      long at = 24L * i;
      combine(groupIds[i] * 3, data.getDouble(at), data.getDouble(at + 8), data.getDouble(at + 16));
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    double[] o = ((VarianceAccumulator) other).state;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      combine(mapping[g] * 3, o[3 * g], o[3 * g + 1], o[3 * g + 2]);
    }
  }

  /** Chan et al.: merges a state of {@code nb} values into the state at {@code t}. */
  private void combine(int t, double nb, double meanB, double m2b) {
    if (nb == 0) {
      return;
    }
    double na = state[t];
    double nt = na + nb;
    double delta = meanB - state[t + 1];
    state[t + 1] += delta * nb / nt;
    state[t + 2] += m2b + delta * delta * (na * nb / nt);
    state[t] = nt;
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    if (stateOutput) {
      writeStates((FixedSizeBinaryVector) out, from, count);
      return;
    }
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

  private void writeStates(FixedSizeBinaryVector out, int from, int count) {
    byte[] bytes = new byte[24];
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      int g = (from + i) * 3;
      b.putDouble(0, state[g]).putDouble(8, state[g + 1]).putDouble(16, state[g + 2]);
      out.setSafe(i, bytes);
    }
  }
}
