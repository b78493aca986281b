package io.quiver.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Column names of FROM items for completion, remembered for a few seconds: a TAB press must not re-read
 * a Parquet footer or list a directory each time, but a table that was just replaced should show its new
 * columns soon. Failures (a misspelled table, a path being typed) count as "no columns".
 */
final class SchemaCache {
  private static final long TTL_NANOS = 5_000_000_000L;

  private record Entry(List<String> columns, long at) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > 64;
    }
  };

  synchronized List<String> columns(String fromItem, Supplier<List<String>> load) {
    Entry e = entries.get(fromItem);
    long now = System.nanoTime();
    if (e != null && now - e.at() < TTL_NANOS) {
      return e.columns();
    }
    List<String> columns;
    try {
      columns = load.get();
    } catch (RuntimeException ex) {
      columns = List.of();
    }
    entries.put(fromItem, new Entry(columns, now));
    return columns;
  }
}
