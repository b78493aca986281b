package io.quiver.executor.operator.sort;

import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.plan.SortKey;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Orders the rows of one batch by a list of {@link SortKey}s. Each key column is loaded once into
 * primitive arrays and compared by a comparator for its kind (integers and temporals as longs, floats
 * by {@link Double#compare}, strings and binaries as unsigned bytes), honouring direction and NULLS
 * FIRST/LAST per key. Rows equal on every key compare by position, so every sort is stable.
 */
public final class RowComparator {
  private final KeyComparator[] keys;

  /** A comparator over the rows of {@code batch} (which must stay open while it is used). */
  public RowComparator(VectorSchemaRoot batch, List<SortKey> sortKeys) {
    keys = new KeyComparator[sortKeys.size()];
    int n = batch.getRowCount();
    for (int k = 0; k < keys.length; k++) {
      SortKey key = sortKeys.get(k);
      Field field = batch.getSchema().getFields().get(key.column());
      LoadedColumn col = new LoadedColumn(field.getType());
      switch (col.kind) {
        case LONG:
          col.load(batch.getVector(key.column()), n);
          keys[k] = new LongKey(col, key);
          break;
        case DOUBLE:
          col.load(batch.getVector(key.column()), n);
          keys[k] = new DoubleKey(col, key);
          break;
        case BYTES:
          col.load(batch.getVector(key.column()), n);
          keys[k] = new BytesKey(col, key);
          break;
        default:
          throw new QuiverException("ORDER BY on column '" + field.getName() + "' of type " + field.getType()
              + " is not supported.");
      }
    }
  }

  /** How many sort keys there are. */
  public int keyCount() {
    return keys.length;
  }

  /** Whether the first key is NULL in row {@code row}. */
  public boolean firstKeyIsNull(int row) {
    boolean[] nulls = keys[0].nulls;
    return nulls != null && nulls[row];
  }

  /** Whether rows with a NULL first key sort before the others. */
  public boolean firstKeyNullsFirst() {
    return keys[0].nullOrder < 0;
  }

  /**
   * Whether {@link #normalizeFirstKey} captures the first key entirely (integers, temporals, floats,
   * strings of at most seven bytes), so rows with equal normalized keys are equal on it; false for longer
   * strings, where only a prefix is captured.
   */
  public boolean firstKeyIsExact() {
    return !(keys[0] instanceof BytesKey b) || b.allShort;
  }

  /**
   * Writes, for each non-NULL row {@code rows[i]}, a long whose signed order is the first key's order
   * (direction included) or, for strings, a prefix of it: sorting on these sequential longs avoids
   * chasing row indices into the key columns for most comparisons.
   */
  public void normalizeFirstKey(int[] rows, int count, long[] out) {
    KeyComparator k = keys[0];
    for (int i = 0; i < count; i++) {
      long v = k.normalized(rows[i]);
      out[i] = k.descending ? ~v : v;
    }
  }

  /** Negative, zero or positive as row {@code a} sorts before, with, or after row {@code b}. */
  public int compare(int a, int b) {
    for (KeyComparator k : keys) {
      int c = k.compare(a, b);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a, b);
  }

  /** One key's order, NULL placement included. */
  private abstract static class KeyComparator {
    final boolean[] nulls;
    final boolean descending;
    final int nullOrder;

    KeyComparator(LoadedColumn col, SortKey key) {
      this.nulls = col.hasNulls ? col.nulls : null;
      this.descending = key.descending();
      this.nullOrder = key.nullsFirst() ? -1 : 1;
    }

    final int compare(int a, int b) {
      if (nulls != null) {
        boolean na = nulls[a];
        boolean nb = nulls[b];
        if (na || nb) {
          return na == nb ? 0 : na ? nullOrder : -nullOrder;
        }
      }
      int c = compareValues(a, b);
      return descending ? -c : c;
    }

    abstract int compareValues(int a, int b);

    /** The ascending normalized form of row {@code row}'s value (see {@link #normalizeFirstKey}). */
    abstract long normalized(int row);
  }

  private static final class LongKey extends KeyComparator {
    private final long[] v;

    LongKey(LoadedColumn col, SortKey key) {
      super(col, key);
      v = col.longs;
    }

    @Override
    int compareValues(int a, int b) {
      return Long.compare(v[a], v[b]);
    }

    @Override
    long normalized(int row) {
      return v[row];
    }
  }

  private static final class DoubleKey extends KeyComparator {
    private final double[] v;

    DoubleKey(LoadedColumn col, SortKey key) {
      super(col, key);
      v = col.doubles;
    }

    @Override
    int compareValues(int a, int b) {
      return Double.compare(v[a], v[b]);
    }

    @Override
    long normalized(int row) {
      // Flipping the magnitude bits of negatives makes signed long order match Double.compare.
      long bits = Double.doubleToLongBits(v[row]);
      return bits < 0 ? bits ^ Long.MAX_VALUE : bits;
    }
  }

  private static final class BytesKey extends KeyComparator {
    private final byte[] bytes;
    private final int[] offsets;

    /** Whether every value has at most seven bytes, which the normalized form then holds exactly. */
    final boolean allShort;

    BytesKey(LoadedColumn col, SortKey key) {
      super(col, key);
      bytes = col.bytes;
      offsets = col.offsets;
      boolean shortOnly = true;
      for (int i = 0; i < col.rowCount && shortOnly; i++) {
        shortOnly = offsets[i + 1] - offsets[i] <= 7;
      }
      allShort = shortOnly;
    }

    @Override
    int compareValues(int a, int b) {
      return Arrays.compareUnsigned(bytes, offsets[a], offsets[a + 1], bytes, offsets[b], offsets[b + 1]);
    }

    @Override
    long normalized(int row) {
      // The first seven bytes big-endian and zero-padded, then the length capped at 8 in the low byte
      // (so "a" sorts before "a\0"), with the sign bit flipped: signed order of the result is unsigned
      // byte order, exact for values of up to seven bytes.
      int start = offsets[row];
      int length = offsets[row + 1] - start;
      int len = Math.min(7, length);
      long word = Math.min(8, length);
      for (int i = 0; i < len; i++) {
        word |= (bytes[start + i] & 0xFFL) << (56 - 8 * i);
      }
      return word ^ Long.MIN_VALUE;
    }
  }
}
