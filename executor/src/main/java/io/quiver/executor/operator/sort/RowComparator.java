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
  }

  private static final class BytesKey extends KeyComparator {
    private final byte[] bytes;
    private final int[] offsets;

    BytesKey(LoadedColumn col, SortKey key) {
      super(col, key);
      bytes = col.bytes;
      offsets = col.offsets;
    }

    @Override
    int compareValues(int a, int b) {
      return Arrays.compareUnsigned(bytes, offsets[a], offsets[a + 1], bytes, offsets[b], offsets[b + 1]);
    }
  }
}
