package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN, MAX or ANY_VALUE of strings and binaries, compared as unsigned bytes (UTF-8 byte order is code
 * point order). One array per group holds the kept value; it is replaced only when a better one comes.
 */
final class BytesPickAccumulator implements Accumulator {
  private final PickMode mode;
  private byte[][] values = new byte[0][];

  BytesPickAccumulator(PickMode mode) {
    this.mode = mode;
  }

  @Override
  public void ensureCapacity(int groups) {
    values = Capacity.grow(values, groups);
  }

  @Override
  public void update(LoadedColumn input, FieldVector raw, int[] groupIds, int n) {
    byte[] b = input.bytes;
    int[] off = input.offsets;
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    byte[][] kept = values;
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      int g = groupIds[i];
      byte[] cur = kept[g];
      if (cur == null
          || mode.replaces(Arrays.compareUnsigned(b, off[i], off[i + 1], cur, 0, cur.length))) {
        kept[g] = Arrays.copyOfRange(b, off[i], off[i + 1]);
      }
    }
  }

  @Override
  public void merge(Accumulator other, int[] mapping) {
    byte[][] o = ((BytesPickAccumulator) other).values;
    for (int g = 0; g < mapping.length; g++) {
      if (mapping[g] < 0) {
        continue; // not merged (a spilled aggregation merges one partition at a time)
      }
      int t = mapping[g];
      if (o[g] != null && (values[t] == null || mode.replaces(Arrays.compareUnsigned(o[g], values[t])))) {
        values[t] = o[g];
      }
    }
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.BytesSink sink = ColumnWriters.bytes(out);
    for (int i = 0; i < count; i++) {
      byte[] v = values[from + i];
      if (v != null) {
        sink.set(i, v, 0, v.length);
      }
    }
  }
}
