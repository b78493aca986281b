package io.quiver.executor.operator.hash;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/** String and binary keys: one byte arena with an offset per key. */
final class BytesKeyColumn implements KeyColumn {
  private byte[] arena = new byte[16 * 1024];
  private int arenaSize;
  private int[] offsets = new int[1025];
  /** Per key: its first eight bytes as in {@link LoadedColumn#prefix}, so short keys compare as one long. */
  private long[] prefixes = new long[1024];
  private boolean[] nulls = new boolean[1024];
  private int size;

  @Override
  public void append(LoadedColumn c, int row) {
    if (c.hasNulls && c.nulls[row]) {
      add(null, 0, 0, true);
    } else {
      int start = c.offsets[row];
      add(c.bytes, start, c.offsets[row + 1] - start, false);
    }
  }

  @Override
  public boolean matches(int key, LoadedColumn c, int row) {
    if (c.hasNulls && c.nulls[row]) {
      return nulls[key];
    }
    int start = c.offsets[row];
    int end = c.offsets[row + 1];
    int kStart = offsets[key];
    int kEnd = offsets[key + 1];
    return prefixes[key] == c.longs[row] && kEnd - kStart == end - start && !nulls[key]
        && (end - start <= 8 || LoadedColumn.bytesEqual(arena, kStart + 8, c.bytes, start + 8, end - start - 8));
  }

  @Override
  public boolean matchesKey(int key, KeyColumn other, int otherKey) {
    BytesKeyColumn o = (BytesKeyColumn) other;
    return nulls[key] == o.nulls[otherKey] && (nulls[key] || Arrays.equals(arena, offsets[key], offsets[key + 1],
        o.arena, o.offsets[otherKey], o.offsets[otherKey + 1]));
  }

  @Override
  public void appendFrom(KeyColumn other, int key) {
    BytesKeyColumn o = (BytesKeyColumn) other;
    int start = o.offsets[key];
    add(o.arena, start, o.offsets[key + 1] - start, o.nulls[key]);
  }

  @Override
  public void write(FieldVector out, int from, int count) {
    ColumnWriters.BytesSink sink = ColumnWriters.bytes(out);
    for (int i = 0; i < count; i++) {
      int k = from + i;
      if (!nulls[k]) {
        sink.set(i, arena, offsets[k], offsets[k + 1] - offsets[k]);
      }
    }
  }

  private void add(byte[] src, int start, int len, boolean isNull) {
    if (size + 1 >= offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      nulls = Arrays.copyOf(nulls, offsets.length);
      prefixes = Arrays.copyOf(prefixes, offsets.length);
    }
    if (arenaSize + len + LoadedColumn.PADDING > arena.length) {
      long cap = Math.max((long) arenaSize + len + LoadedColumn.PADDING, (long) arena.length * 2);
      arena = Arrays.copyOf(arena, (int) Math.min(cap, Integer.MAX_VALUE - 16));
    }
    if (len > 0) {
      System.arraycopy(src, start, arena, arenaSize, len);
    }
    prefixes[size] = isNull ? 0 : LoadedColumn.prefix(arena, arenaSize, len);
    arenaSize += len;
    nulls[size] = isNull;
    offsets[++size] = arenaSize;
  }
}
