package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.udf.AggregateInstance;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A user aggregate: one Java state object per group id. Each batch's rows are bucketed by group, and
 * the function's {@code update} gets each group's rows of the argument vectors at once.
 *
 * <p>On a cluster the states travel between tasks: as {@link AggCall#UDAF_STATE} it writes each group's
 * state serialized into a VarBinary column instead of finishing it, and as the {@link AggCall#merge
 * merge} of {@link AggCall#UDAF} it reads such a column and merges the states with the function's
 * {@code merge}, then finishes.
 */
final class UdafAccumulator implements Accumulator {
  private final AggCall call;
  private final AggregateInstance function;
  private final boolean stateInput;
  private final boolean stateOutput;
  private Serializable[] states = new Serializable[0];
  private int size;

  UdafAccumulator(AggCall call, BufferAllocator allocator) {
    this.call = call;
    this.function = new AggregateInstance(call.udf(), allocator);
    this.stateInput = call.function().equals(AggCall.merge(AggCall.UDAF));
    this.stateOutput = call.function().equals(AggCall.UDAF_STATE);
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > states.length) {
      states = Arrays.copyOf(states, Math.max(groups, states.length * 2));
    }
    while (size < groups) {
      states[size++] = function.create();
    }
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    throw new UnsupportedOperationException("user aggregates take whole batches: updateBatch");
  }

  /** Adds rows {@code [0, n)} of {@code batch} to groups {@code groupIds[i]}. */
  void updateBatch(VectorSchemaRoot batch, int[] groupIds, int n) {
    if (stateInput) {
      VarBinaryVector serialized = (VarBinaryVector) batch.getVector(call.arg());
      for (int i = 0; i < n; i++) {
        if (!serialized.isNull(i)) {
          int g = groupIds[i];
          states[g] = function.merge(states[g], function.deserialize(serialized.get(i)));
        }
      }
      return;
    }
    List<FieldVector> args = new ArrayList<>(call.args().length);
    for (int a : call.args()) {
      args.add(batch.getVector(a));
    }
    // Counting sort of rows by group, so each group's rows go to update() in one call, in row order.
    int[] counts = new int[size + 1];
    for (int i = 0; i < n; i++) {
      counts[groupIds[i] + 1]++;
    }
    for (int g = 0; g < size; g++) {
      counts[g + 1] += counts[g];
    }
    int[] starts = counts.clone();
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[counts[groupIds[i]]++] = i;
    }
    for (int g = 0; g < size; g++) {
      int from = starts[g];
      int count = starts[g + 1] - from;
      if (count > 0) {
        states[g] = function.update(states[g], args, Arrays.copyOfRange(rows, from, from + count), count);
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    UdafAccumulator o = (UdafAccumulator) other;
    for (int g = 0; g < o.size; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      states[mapping[g]] = function.merge(states[mapping[g]], o.states[g]);
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    if (stateOutput) {
      VarBinaryVector serialized = (VarBinaryVector) out;
      for (int i = 0; i < count; i++) {
        serialized.setSafe(i, function.serialize(states[from + i]));
      }
      return;
    }
    for (int i = 0; i < count; i++) {
      function.finish(states[from + i], out, i);
    }
  }
}
