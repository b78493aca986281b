package io.quiver.executor.operator.sort;

import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.plan.SortKey;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The sort keys of one batch of one sorted run, loaded into primitive arrays, comparable with another
 * run's current batch: what a k-way merge needs, where {@link RowComparator} compares rows of one batch
 * only. Orders exactly as {@link RowComparator} does (direction and NULL placement per key).
 */
final class MergeKeys {
  private final List<SortKey> sortKeys;
  private final LoadedColumn[] columns;

  MergeKeys(List<SortKey> sortKeys, VectorSchemaRoot schemaSample) {
    this.sortKeys = sortKeys;
    columns = new LoadedColumn[sortKeys.size()];
    for (int k = 0; k < columns.length; k++) {
      var field = schemaSample.getSchema().getFields().get(sortKeys.get(k).column());
      columns[k] = new LoadedColumn(field.getType());
      switch (columns[k].kind) {
        case LONG:
        case DOUBLE:
        case BYTES:
          break;
        default:
          throw new QuiverException("ORDER BY on column '" + field.getName() + "' of type " + field.getType()
              + " is not supported.");
      }
    }
  }

  /** Loads the key columns of {@code batch} (which the caller keeps open while comparing). */
  void load(VectorSchemaRoot batch) {
    for (int k = 0; k < columns.length; k++) {
      columns[k].load(batch.getVector(sortKeys.get(k).column()), batch.getRowCount());
    }
  }

  /** Negative, zero or positive as row {@code a} of this batch sorts before, with or after row {@code b} of {@code o}. */
  int compare(int a, MergeKeys o, int b) {
    for (int k = 0; k < columns.length; k++) {
      LoadedColumn x = columns[k];
      LoadedColumn y = o.columns[k];
      SortKey key = sortKeys.get(k);
      boolean na = x.isNull(a);
      boolean nb = y.isNull(b);
      if (na || nb) {
        if (na != nb) {
          int nullOrder = key.nullsFirst() ? -1 : 1;
          return na ? nullOrder : -nullOrder;
        }
        continue;
      }
      int c;
      switch (x.kind) {
        case LONG:
          c = Long.compare(x.longs[a], y.longs[b]);
          break;
        case DOUBLE:
          c = Double.compare(x.doubles[a], y.doubles[b]);
          break;
        default:
          c = Arrays.compareUnsigned(x.bytes, x.offsets[a], x.offsets[a + 1], y.bytes, y.offsets[b], y.offsets[b + 1]);
          break;
      }
      if (c != 0) {
        return key.descending() ? -c : c;
      }
    }
    return 0;
  }
}
