package io.quiver.executor.operator.hash;

import io.quiver.executor.operator.column.LoadedColumn;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Maps multi-column keys to dense ids {@code 0, 1, 2, ...} in first-seen order. Rows are hashed
 * column-wise into a {@code long[]}, then each row probes an open-addressing table (linear probing,
 * load factor at most 1/2) whose slots pack 32 bits of the hash with the key id, so most mismatches are
 * rejected without touching the stored keys. Keys live column-wise in {@link KeyColumn}s.
 */
public final class KeyTable {
  private static final int MIN_CAPACITY = 1024;

  private final KeyColumn[] columns;
  /** Per slot: (hash high 32 bits) << 32 | (id + 1); 0 is an empty slot. */
  private long[] slots = new long[MIN_CAPACITY];
  private int mask = MIN_CAPACITY - 1;
  private long[] keyHashes = new long[MIN_CAPACITY];
  private int size;
  private long[] hashes = new long[0];
  private int[] misses = new int[0];

  public KeyTable(List<ArrowType> keyTypes) {
    columns = new KeyColumn[keyTypes.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = KeyColumn.forType(keyTypes.get(i));
    }
  }

  /** How many distinct keys the table holds; they have ids {@code [0, size)}. */
  public int size() {
    return size;
  }

  /**
   * Sets {@code ids[i]} to the id of row {@code i}'s key for rows {@code [0, n)}, adding unseen keys.
   *
   * @param keys the key columns, loaded with {@link LoadedColumn#loadKey}
   * @param nullsMatch true: a NULL is a key value like any other (GROUP BY); false: rows with a NULL in
   *     any key column get id -1 and are not added (join build)
   */
  public void findOrInsert(LoadedColumn[] keys, int n, int[] ids, boolean nullsMatch) {
    long[] h = hash(keys, n);
    // First pass: look every row up without inserting; lookups are independent from row to row, so the
    // CPU overlaps their cache misses. Rows with new keys (and NULLs the caller excludes) then take the
    // sequential insert path in row order, which keeps ids in first-seen order.
    int[] misses = scratchMisses(n);
    int missCount = 0;
    for (int i = 0; i < n; i++) {
      int id = findRow(keys, i, h[i]);
      if (id >= 0) {
        ids[i] = id;
      } else {
        misses[missCount++] = i;
      }
    }
    for (int j = 0; j < missCount; j++) {
      int i = misses[j];
      if (!nullsMatch && anyNull(keys, i)) {
        ids[i] = -1;
      } else {
        ids[i] = findOrInsertRow(keys, i, h[i]);
      }
    }
  }

  private int[] scratchMisses(int n) {
    if (misses.length < n) {
      misses = new int[Math.max(n, misses.length * 2)];
    }
    return misses;
  }

  /**
   * Sets {@code ids[i]} to the id of row {@code i}'s key (NULL a value like any other), or -1 if absent,
   * without adding keys, and copies the rows' hashes into {@code hashesOut}: a spilling GROUP BY routes
   * the rows of absent keys to disk by hash.
   */
  public void lookup(LoadedColumn[] keys, int n, int[] ids, long[] hashesOut) {
    long[] h = hash(keys, n);
    for (int i = 0; i < n; i++) {
      ids[i] = findRow(keys, i, h[i]);
    }
    System.arraycopy(h, 0, hashesOut, 0, n);
  }

  /** The hash of key {@code id} (as {@link #lookup} reports it for rows with that key). */
  public long hashOf(int id) {
    return keyHashes[id];
  }

  /** Sets {@code ids[i]} to the id of row {@code i}'s key, or -1 if it is absent or has a NULL (join probe). */
  public void find(LoadedColumn[] keys, int n, int[] ids) {
    long[] h = hash(keys, n);
    for (int i = 0; i < n; i++) {
      ids[i] = anyNull(keys, i) ? -1 : findRow(keys, i, h[i]);
    }
  }

  /**
   * Adds every key of {@code other} (same key types) and returns, for each of its ids, the id in this
   * table: the step that merges partial aggregation states.
   */
  public int[] mergeFrom(KeyTable other) {
    return mergeFrom(other, null);
  }

  /**
   * Like {@link #mergeFrom(KeyTable)} for the keys of {@code other} whose hash {@code include} accepts
   * (null: all); the others map to -1 and are not added.
   */
  public int[] mergeFrom(KeyTable other, java.util.function.LongPredicate include) {
    int[] mapping = new int[other.size];
    for (int k = 0; k < other.size; k++) {
      long hash = other.keyHashes[k];
      if (include != null && !include.test(hash)) {
        mapping[k] = -1;
        continue;
      }
      int tag = (int) (hash >>> 32);
      int slot = (int) hash & mask;
      int id = -1;
      while (true) {
        long e = slots[slot];
        if (e == 0) {
          break;
        }
        if ((int) (e >>> 32) == tag && keyEquals((int) e - 1, other, k)) {
          id = (int) e - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (id < 0) {
        id = size;
        for (int c = 0; c < columns.length; c++) {
          columns[c].appendFrom(other.columns[c], k);
        }
        addId(hash, slot);
      }
      mapping[k] = id;
    }
    return mapping;
  }

  /** Writes keys {@code [from, from+count)} into the allocated vectors {@code out}, one per key column. */
  public void writeKeys(List<FieldVector> out, int from, int count) {
    for (int c = 0; c < columns.length; c++) {
      columns[c].write(out.get(c), from, count);
    }
  }

  private long[] hash(LoadedColumn[] keys, int n) {
    if (hashes.length < n) {
      hashes = new long[Math.max(n, hashes.length * 2)];
    }
    for (int c = 0; c < keys.length; c++) {
      Hashing.hashColumn(keys[c], hashes, n, c == 0);
    }
    if (keys.length == 0) {
      Arrays.fill(hashes, 0, n, 0L);
    }
    return hashes;
  }

  private static boolean anyNull(LoadedColumn[] keys, int row) {
    for (LoadedColumn k : keys) {
      if (k.hasNulls && k.nulls[row]) {
        return true;
      }
    }
    return false;
  }

  private int findOrInsertRow(LoadedColumn[] keys, int row, long hash) {
    int tag = (int) (hash >>> 32);
    int slot = (int) hash & mask;
    while (true) {
      long e = slots[slot];
      if (e == 0) {
        int id = size;
        for (int c = 0; c < columns.length; c++) {
          columns[c].append(keys[c], row);
        }
        addId(hash, slot);
        return id;
      }
      if ((int) (e >>> 32) == tag && rowEquals((int) e - 1, keys, row)) {
        return (int) e - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int findRow(LoadedColumn[] keys, int row, long hash) {
    int tag = (int) (hash >>> 32);
    int slot = (int) hash & mask;
    while (true) {
      long e = slots[slot];
      if (e == 0) {
        return -1;
      }
      if ((int) (e >>> 32) == tag && rowEquals((int) e - 1, keys, row)) {
        return (int) e - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean rowEquals(int id, LoadedColumn[] keys, int row) {
    if (columns.length == 1) {
      return columns[0].matches(id, keys[0], row);
    }
    for (int c = 0; c < columns.length; c++) {
      if (!columns[c].matches(id, keys[c], row)) {
        return false;
      }
    }
    return true;
  }

  private boolean keyEquals(int id, KeyTable other, int otherId) {
    for (int c = 0; c < columns.length; c++) {
      if (!columns[c].matchesKey(id, other.columns[c], otherId)) {
        return false;
      }
    }
    return true;
  }

  /** Records key id {@code size} (already appended to the columns) in empty slot {@code slot}. */
  private void addId(long hash, int slot) {
    int id = size++;
    if (id == keyHashes.length) {
      keyHashes = Arrays.copyOf(keyHashes, id * 2);
    }
    keyHashes[id] = hash;
    slots[slot] = (hash & 0xFFFFFFFF00000000L) | (id + 1L);
    if (size * 2L > slots.length) {
      rehash();
    }
  }

  private void rehash() {
    int capacity = slots.length * 2;
    long[] fresh = new long[capacity];
    int m = capacity - 1;
    for (int id = 0; id < size; id++) {
      long hash = keyHashes[id];
      int slot = (int) hash & m;
      while (fresh[slot] != 0) {
        slot = (slot + 1) & m;
      }
      fresh[slot] = (hash & 0xFFFFFFFF00000000L) | (id + 1L);
    }
    slots = fresh;
    mask = m;
  }
}
