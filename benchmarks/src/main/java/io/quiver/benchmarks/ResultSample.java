package io.quiver.benchmarks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A deterministic sample of a grouped result, for comparing two engines whose rows come in any order.
 *
 * <p>Rows are keyed by their group-key columns; the sample keeps the {@value #SIZE} rows whose key has
 * the smallest 64-bit hash (bottom-k sampling). Two engines that return the same set of keys therefore
 * keep the same rows, whatever their order, and a missing or extra key shows up as a difference unless
 * it falls outside the sample.
 */
final class ResultSample {
  static final int SIZE = 1000;
  static final double RELATIVE_TOLERANCE = 1e-6;

  private record Entry(long hash, String key) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::hash).thenComparing(Entry::key);

  private final int keyColumns;
  private final TreeMap<Entry, Object[]> rows = new TreeMap<>(ORDER);
  private int columns = -1;

  ResultSample(int keyColumns) {
    this.keyColumns = keyColumns;
  }

  /** Offers one result row of {@code columnCount} columns; {@code value} reads column 0.. of the row. */
  void offer(int columnCount, IntFunction<Object> value) {
    columns = columnCount;
    StringBuilder key = new StringBuilder();
    for (int c = 0; c < Math.min(keyColumns, columnCount); c++) {
      key.append(keyText(value.apply(c))).append('\u0001');
    }
    Entry entry = new Entry(hash64(key), key.toString());
    if (rows.size() >= SIZE && ORDER.compare(entry, rows.lastKey()) >= 0) {
      return;
    }
    Object[] values = new Object[Math.max(0, columnCount - keyColumns)];
    for (int c = keyColumns; c < columnCount; c++) {
      values[c - keyColumns] = normalize(value.apply(c));
    }
    rows.put(entry, values);
    if (rows.size() > SIZE) {
      rows.pollLastEntry();
    }
  }

  /** Offers every row of an Arrow batch. */
  void offer(VectorSchemaRoot batch) {
    int columnCount = batch.getFieldVectors().size();
    for (int row = 0; row < batch.getRowCount(); row++) {
      int r = row;
      offer(columnCount, c -> batch.getVector(c).getObject(r));
    }
  }

  /** Null if both samples hold the same keys and values (within tolerance), else the first differences. */
  String differences(ResultSample other, String thisName, String otherName) {
    if (columns != other.columns && columns >= 0 && other.columns >= 0) {
      return thisName + " returned " + columns + " columns, " + otherName + " " + other.columns;
    }
    List<String> found = new ArrayList<>();
    Iterator<Map.Entry<Entry, Object[]>> a = rows.entrySet().iterator();
    Iterator<Map.Entry<Entry, Object[]>> b = other.rows.entrySet().iterator();
    Map.Entry<Entry, Object[]> x = next(a);
    Map.Entry<Entry, Object[]> y = next(b);
    while ((x != null || y != null) && found.size() < 3) {
      int order = x == null ? 1 : y == null ? -1 : ORDER.compare(x.getKey(), y.getKey());
      if (order < 0) {
        found.add("key " + shown(x.getKey()) + " only in " + thisName);
        x = next(a);
      } else if (order > 0) {
        found.add("key " + shown(y.getKey()) + " only in " + otherName);
        y = next(b);
      } else {
        for (int c = 0; c < x.getValue().length; c++) {
          if (!same(x.getValue()[c], y.getValue()[c])) {
            found.add("key " + shown(x.getKey()) + " column " + (keyColumns + c + 1) + ": " + thisName + " "
                + x.getValue()[c] + " vs " + otherName + " " + y.getValue()[c]);
            break;
          }
        }
        x = next(a);
        y = next(b);
      }
    }
    return found.isEmpty() ? null : String.join("; ", found);
  }

  int size() {
    return rows.size();
  }

  private static <T> T next(Iterator<T> it) {
    return it.hasNext() ? it.next() : null;
  }

  private static String shown(Entry e) {
    String k = e.key();
    return "(" + k.substring(0, Math.max(0, k.length() - 1)).replace('\u0001', ',') + ")";
  }

  /** Key values as text that is the same for Integer 5, Long 5 and BigInteger 5, or String and Arrow Text. */
  private static String keyText(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  /** Numbers become Double (engines differ in integer widths and SUM types), anything else its text. */
  private static Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return n instanceof BigInteger || n instanceof BigDecimal ? Double.valueOf(n.toString()) : n.doubleValue();
    }
    return v.toString();
  }

  static boolean same(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      if (x.isNaN() || y.isNaN()) {
        return x.isNaN() && y.isNaN();
      }
      double scale = Math.max(Math.abs(x), Math.abs(y));
      return Math.abs(x - y) <= RELATIVE_TOLERANCE * scale || Math.abs(x - y) <= 1e-12;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** FNV-1a over the chars, then a SplitMix64 finalizer so that similar keys spread out. */
  private static long hash64(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
