package io.quiver.executor.operator.join;

import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.hash.Hashing;
import java.util.Arrays;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The hash of each row's join key, for routing rows of one side of a grace hash join to partitions.
 * Keys are loaded as {@link LoadedColumn}s and hashed by {@link Hashing}, so equal keys hash equally on
 * both sides even when their Arrow types differ within a value kind (INT vs BIGINT). A row with a NULL
 * in any key column never matches; it gets a pseudo-hash from a counter instead, which spreads such
 * rows evenly over the partitions (all NULLs under one hash would pile up in one partition).
 */
final class JoinKeyHashes {
  private final int[] keyColumns;
  private LoadedColumn[] columns;
  private long[] hashes = new long[0];
  private boolean[] nullKey = new boolean[0];
  private long nullRows;

  JoinKeyHashes(int[] keyColumns) {
    this.keyColumns = keyColumns.clone();
  }

  /** Hashes rows {@code [0, n)} of {@code batch}; read them with {@link #hashes} and {@link #nullKey}. */
  void hash(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (columns == null) {
      columns = new LoadedColumn[keyColumns.length];
      for (int k = 0; k < keyColumns.length; k++) {
        Field f = batch.getSchema().getFields().get(keyColumns[k]);
        columns[k] = new LoadedColumn(f.getType());
      }
    }
    if (hashes.length < n) {
      hashes = new long[n];
      nullKey = new boolean[n];
    }
    Arrays.fill(nullKey, 0, n, false);
    for (int k = 0; k < keyColumns.length; k++) {
      LoadedColumn c = columns[k];
      c.loadKey(batch.getVector(keyColumns[k]), n);
      Hashing.hashColumn(c, hashes, n, k == 0);
      if (c.hasNulls) {
        for (int i = 0; i < n; i++) {
          nullKey[i] |= c.nulls[i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (nullKey[i]) {
        hashes[i] = Hashing.mix(++nullRows);
      }
    }
  }

  /** Per row of the last batch: its key hash. */
  long[] hashes() {
    return hashes;
  }

  /** Whether row {@code i} of the last batch has a NULL key (it matches nothing). */
  boolean nullKey(int i) {
    return nullKey[i];
  }
}
