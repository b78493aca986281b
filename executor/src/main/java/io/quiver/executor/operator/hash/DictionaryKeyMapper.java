package io.quiver.executor.operator.hash;

import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Key ids for batches whose key columns all arrive dictionary-encoded: each combination of dictionary
 * entries (a "code", NULL counting as one more entry per column) is looked up in the {@link KeyTable}
 * once, the first time a row uses it, and remembered in an {@code int[]} from code to key id; every
 * other row is one array read. The cache holds while the batches share their dictionaries (a Parquet
 * column chunk's) and starts over when one changes. Ids come out exactly as the row-by-row path gives
 * them, in first-seen order.
 */
public final class DictionaryKeyMapper {
  /** The most codes (product of dictionary sizes + 1) the cache covers; beyond that, rows are decoded. */
  static final int MAX_CODES = 1 << 20;

  private final LoadedColumn[] entryColumns;
  private final StringDictionary[] dictionaries;
  private final int[] strides;
  private int[] keyOfCode = new int[0];
  private int[] codes = new int[0];
  private int[] newCodes = new int[0];
  private int[] entries = new int[0];
  private int[] newIds = new int[0];

  public DictionaryKeyMapper(int keyColumns) {
    entryColumns = new LoadedColumn[keyColumns];
    for (int c = 0; c < keyColumns; c++) {
      entryColumns[c] = new LoadedColumn(new ArrowType.Utf8());
    }
    dictionaries = new StringDictionary[keyColumns];
    strides = new int[keyColumns];
  }

  /** Whether {@link #map} takes these key vectors: all dictionary-encoded, with few enough codes. */
  public boolean accepts(FieldVector[] keys) {
    long codeCount = 1;
    for (FieldVector k : keys) {
      if (!(k instanceof DictionaryVector d)) {
        return false;
      }
      codeCount *= d.dictionary().size() + 1L;
      if (codeCount > MAX_CODES) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sets {@code ids[i]} to the key id of row {@code i} for rows {@code [0, n)} of {@code keys} (accepted
   * by {@link #accepts}), adding unseen keys to {@code table}; NULL is a key like any other.
   */
  public void map(KeyTable table, FieldVector[] keys, int n, int[] ids) {
    useDictionaries(keys);
    if (keys.length == 1 && keys[0].getNullCount() == 0) {
      mapOneColumn(table, (DictionaryVector) keys[0], n, ids);
      return;
    }
    int[] code = codes = grow(codes, n);
    for (int c = 0; c < keys.length; c++) {
      addCodes((DictionaryVector) keys[c], strides[c], n, code, c == 0);
    }
    int[] cache = keyOfCode;
    int[] fresh = newCodes = grow(newCodes, n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      int x = code[i];
      int id = cache[x];
      ids[i] = id;
      if (id == -1) {
        cache[x] = -2; // pending: looked up below, once
        fresh[m++] = x;
      }
    }
    if (m > 0) {
      lookUp(table, fresh, m, cache);
      for (int i = 0; i < n; i++) {
        if (ids[i] < 0) {
          ids[i] = cache[code[i]];
        }
      }
    }
  }

  /** {@link #map} for one key column without NULLs, where the code is the id: one pass when nothing is new. */
  private void mapOneColumn(KeyTable table, DictionaryVector v, int n, int[] ids) {
    ArrowBuf data = v.getDataBuffer();
    int last = v.dictionary().size() - 1;
    int[] cache = keyOfCode;
    int[] fresh = newCodes = grow(newCodes, n);
    int m = 0;
    for (int i = 0; i < n; i++) {
      int x = data.getInt((long) i << 2);
      if ((x | (last - x)) < 0) {
        throw new IllegalStateException("dictionary id " + x + " is outside a dictionary of " + (last + 1));
      }
      int id = cache[x];
      ids[i] = id;
      if (id == -1) {
        cache[x] = -2; // pending: looked up below, once
        fresh[m++] = x;
      }
    }
    if (m > 0) {
      lookUp(table, fresh, m, cache);
      for (int i = 0; i < n; i++) {
        if (ids[i] < 0) {
          ids[i] = cache[data.getInt((long) i << 2)];
        }
      }
    }
  }

  /** Starts a fresh cache when a key column's dictionary is not the one the cache was built for. */
  private void useDictionaries(FieldVector[] keys) {
    boolean same = true;
    for (int c = 0; c < keys.length; c++) {
      same &= ((DictionaryVector) keys[c]).dictionary() == dictionaries[c];
    }
    if (same) {
      return;
    }
    int stride = 1;
    for (int c = 0; c < keys.length; c++) {
      dictionaries[c] = ((DictionaryVector) keys[c]).dictionary();
      strides[c] = stride;
      stride *= dictionaries[c].size() + 1;
    }
    if (keyOfCode.length < stride) {
      keyOfCode = new int[stride];
    }
    Arrays.fill(keyOfCode, 0, stride, -1);
  }

  /** Adds {@code stride * entry} of each row to its code (sets it for the first column); NULL is entry {@code size}. */
  private static void addCodes(DictionaryVector v, int stride, int n, int[] code, boolean first) {
    ArrowBuf data = v.getDataBuffer();
    int size = v.dictionary().size();
    int bad = 0; // negative once an id is outside the dictionary
    if (v.getNullCount() == 0) {
      if (first) {
        for (int i = 0; i < n; i++) {
          int id = data.getInt((long) i << 2);
          bad |= id | (size - 1 - id);
          code[i] = id;
        }
      } else {
        for (int i = 0; i < n; i++) {
          int id = data.getInt((long) i << 2);
          bad |= id | (size - 1 - id);
          code[i] += id * stride;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        int id = v.isNull(i) ? size : data.getInt((long) i << 2);
        bad |= id | (size - id);
        code[i] = (first ? 0 : code[i]) + id * stride;
      }
    }
    if (bad < 0) {
      throw new IllegalStateException("a dictionary id is outside a dictionary of " + size + " entries");
    }
  }

  /** Finds or adds the keys of codes {@code fresh[0, m)} and records their ids in {@code cache}. */
  private void lookUp(KeyTable table, int[] fresh, int m, int[] cache) {
    int[] e = entries = grow(entries, m);
    for (int c = 0; c < entryColumns.length; c++) {
      int radix = dictionaries[c].size() + 1;
      for (int j = 0; j < m; j++) {
        e[j] = (fresh[j] / strides[c]) % radix;
      }
      entryColumns[c].loadKeyEntries(dictionaries[c], e, m);
    }
    int[] found = newIds = grow(newIds, m);
    table.findOrInsert(entryColumns, m, found, true);
    for (int j = 0; j < m; j++) {
      cache[fresh[j]] = found[j];
    }
  }

  private static int[] grow(int[] a, int n) {
    return a.length >= n ? a : new int[Math.max(n, a.length + (a.length >> 1))];
  }
}
