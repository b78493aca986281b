package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.vector.VectorGather;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * ANY_VALUE of a type the heap view cannot hold (tensors, lists, decimals): the first non-NULL value of
 * each group is copied into an Arrow vector indexed by group id. Reliable for fixed-size types, which
 * accept writes in any order.
 */
final class VectorPickAccumulator implements Accumulator {
  private final FieldVector kept;
  private boolean[] seen = new boolean[0];

  VectorPickAccumulator(Field inputField, BufferAllocator allocator) {
    kept = VectorGather.nulls(inputField, 0, allocator);
  }

  @Override
  public void ensureCapacity(int groups) {
    seen = Capacity.grow(seen, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (!seen[g] && !raw.isNull(i)) {
        VectorGather.copy(raw, i, kept, g);
        seen[g] = true;
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    VectorPickAccumulator o = (VectorPickAccumulator) other;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      if (o.seen[g] && !seen[mapping[g]]) {
        VectorGather.copy(o.kept, g, kept, mapping[g]);
        seen[mapping[g]] = true;
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    for (int i = 0; i < count; i++) {
      if (seen[from + i]) {
        VectorGather.copy(kept, from + i, out, i);
      }
    }
  }

  @Override
  public void close() {
    kept.close();
  }
}
