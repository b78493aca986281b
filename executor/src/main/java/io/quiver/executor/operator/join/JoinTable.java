package io.quiver.executor.operator.join;

import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.column.ValueKind;
import io.quiver.executor.operator.hash.KeyTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The build side of a hash join: all build rows in one batch, a {@link KeyTable} of their distinct keys,
 * and for each key the chain of rows having it, in build order ({@link #firstRow}, {@link #nextRow}).
 * Rows with a NULL in any key column are in no chain: NULL never matches.
 */
public final class JoinTable implements AutoCloseable {
  private final VectorSchemaRoot rows;
  private final KeyTable keys;
  private final int[] head;
  private final int[] next;
  private final List<ArrowType> keyTypes = new ArrayList<>();
  private LoadedColumn[] probeColumns;
  private int[] probeKeys;

  /** Indexes {@code rows} (ownership passes to the table) by the columns {@code keyColumns}. */
  public JoinTable(VectorSchemaRoot rows, int[] keyColumns) {
    this.rows = rows;
    int n = rows.getRowCount();
    LoadedColumn[] columns = new LoadedColumn[keyColumns.length];
    for (int k = 0; k < keyColumns.length; k++) {
      Field f = rows.getSchema().getFields().get(keyColumns[k]);
      keyTypes.add(f.getType());
      columns[k] = new LoadedColumn(f.getType());
      columns[k].loadKey(rows.getVector(keyColumns[k]), n);
    }
    keys = new KeyTable(keyTypes);
    int[] ids = new int[n];
    keys.findOrInsert(columns, n, ids, false);
    head = new int[keys.size()];
    Arrays.fill(head, -1);
    next = new int[n];
    // Walking backwards and pushing on the front leaves each chain in build order.
    for (int r = n - 1; r >= 0; r--) {
      int id = ids[r];
      if (id >= 0) {
        next[r] = head[id];
        head[id] = r;
      } else {
        next[r] = -1;
      }
    }
  }

  /** The build rows. */
  public VectorSchemaRoot rows() {
    return rows;
  }

  public int rowCount() {
    return rows.getRowCount();
  }

  /** The first build row with key {@code keyId}. */
  public int firstRow(int keyId) {
    return head[keyId];
  }

  /** The build row after {@code row} with the same key, or -1. */
  public int nextRow(int row) {
    return next[row];
  }

  /**
   * Looks up the keys of every row of {@code probe} ({@code keyColumns} in its schema): {@code ids[i]} is
   * the key id for {@link #firstRow}, or -1 when no build row matches (or a key is NULL).
   */
  public void probe(VectorSchemaRoot probe, int[] keyColumns, int[] ids) {
    if (probeColumns == null) {
      probeKeys = keyColumns.clone();
      probeColumns = new LoadedColumn[keyColumns.length];
      for (int k = 0; k < keyColumns.length; k++) {
        Field f = probe.getSchema().getFields().get(keyColumns[k]);
        if (ValueKind.of(f.getType()) != ValueKind.of(keyTypes.get(k))) {
          throw new QuiverException("Join key '" + f.getName() + "' has type " + f.getType()
              + " but the other side's key has type " + keyTypes.get(k) + "; the planner must cast one of them.");
        }
        probeColumns[k] = new LoadedColumn(f.getType());
      }
    }
    int n = probe.getRowCount();
    for (int k = 0; k < probeKeys.length; k++) {
      probeColumns[k].loadKey(probe.getVector(probeKeys[k]), n);
    }
    keys.find(probeColumns, n, ids);
  }

  @Override
  public void close() {
    rows.close();
  }
}
