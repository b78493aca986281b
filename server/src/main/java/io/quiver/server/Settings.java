package io.quiver.server;

import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.MemoryLimit;
import io.quiver.executor.runtime.SpillFiles;
import io.quiver.sql.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A session's settings ({@code SET key = value}), with their defaults and checks. */
public final class Settings {
  /** One known setting. */
  private record Definition(String defaultValue, String description, Predicate<String> valid) {}

  private static final Map<String, Definition> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put("seed", new Definition(null, "makes RANDOM() and file shuffles reproducible", Settings::isLong));
    KNOWN.put("threads", new Definition(Integer.toString(Runtime.getRuntime().availableProcessors()),
        "pipelines that read one scan in parallel", v -> isLong(v) && Long.parseLong(v) >= 1 && Long.parseLong(v) <= 1024));
    KNOWN.put("batch_size", new Definition("65536", "rows per batch (block) that sources and operators aim for",
        v -> isLong(v) && Long.parseLong(v) >= 1 && Long.parseLong(v) <= 16_777_216));
    // What UDF actor pools may reserve (see io.quiver.executor.udf.ResourceBudget); unset means the machine's.
    KNOWN.put("cpus", new Definition(null, "CPUs UDF actors may reserve (default: the cores)", Settings::isAmount));
    KNOWN.put("gpus", new Definition(null, "GPUs UDF actors may reserve (default: 0)", Settings::isAmount));
    KNOWN.put("reader_cpus", new Definition(null, "CPUs kept for readers, never reserved by UDF actors (default: 0)",
        Settings::isAmount));
    KNOWN.put("udf_memory", new Definition(null, "memory UDF actors may reserve, e.g. '8g' (default: the maximum heap)",
        v -> v.trim().toLowerCase(java.util.Locale.ROOT).matches("[0-9.]+[kmgt]?b?")));
    KNOWN.put("resources", new Definition(null, "custom resources UDF actors may reserve, e.g. 'tpu:2, fpga:1'",
        v -> v.isBlank() || v.trim().matches("[A-Za-z_][\\w]*\\s*[:=]\\s*[0-9.]+(\\s*,\\s*[A-Za-z_][\\w]*\\s*[:=]\\s*[0-9.]+)*")));
    // Spilling (see io.quiver.executor.runtime.QueryMemory and BlockStore).
    KNOWN.put("memory_limit", new Definition(null,
        "memory a query's GROUP BY, ORDER BY and join state may take before spilling to disk, and materialized "
            + "tables may take in memory, e.g. '512m' (default: 60% of the JVM's maximum heap + direct memory)",
        MemoryLimit::isValid));
    KNOWN.put("spill_dir", new Definition(null,
        "directory for spill files, deleted when their query or table is done (default: java.io.tmpdir/quiver-spill-<pid>)",
        v -> !v.isBlank()));
    KNOWN.put("udf_idle_ms", new Definition(null, "idle time after which an autoscaling actor pool retires an actor "
        + "(default: 500)", v -> isLong(v) && Long.parseLong(v.trim()) >= 0));
  }

  private static boolean isAmount(String v) {
    try {
      double d = Double.parseDouble(v.trim());
      return d >= 0 && !Double.isInfinite(d);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private final Map<String, String> values = new TreeMap<>();

  /** True for the names {@code SET} accepts. */
  public static boolean isKnown(String key) {
    return KNOWN.containsKey(key);
  }

  public Settings() {
    KNOWN.forEach((k, d) -> {
      if (d.defaultValue() != null) {
        values.put(k, d.defaultValue());
      }
    });
  }

  public synchronized void set(String key, String value) {
    Definition d = definition(key);
    if (!d.valid().test(value)) {
      throw new QuiverException("Invalid value '" + value + "' for setting '" + key + "' (" + d.description() + ").");
    }
    values.put(key, value);
  }

  public synchronized void reset(String key) {
    if (key == null) {
      values.clear();
      new Settings().values.forEach(values::put);
      return;
    }
    Definition d = definition(key);
    if (d.defaultValue() == null) {
      values.remove(key);
    } else {
      values.put(key, d.defaultValue());
    }
  }

  public synchronized Map<String, String> snapshot() {
    return Map.copyOf(values);
  }

  /** The {@code memory_limit} in bytes. */
  public synchronized long memoryLimit() {
    String v = values.get("memory_limit");
    return v == null ? MemoryLimit.defaultBytes() : MemoryLimit.parse(v);
  }

  /** The {@code spill_dir}. */
  public synchronized java.nio.file.Path spillDir() {
    return SpillFiles.dir(values.get("spill_dir"));
  }

  public synchronized int threads() {
    return Integer.parseInt(values.get("threads"));
  }

  /** Every known setting with its current value ("" when unset) and description. */
  public synchronized List<String[]> describe() {
    return KNOWN.entrySet().stream()
        .map(e -> new String[] {e.getKey(), values.getOrDefault(e.getKey(), ""), e.getValue().description()})
        .toList();
  }

  private static Definition definition(String key) {
    Definition d = KNOWN.get(key);
    if (d == null) {
      String hint = Suggestions.closest(key, KNOWN.keySet());
      throw new QuiverException("Unknown setting '" + key + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?")
          + " Known settings: " + String.join(", ", KNOWN.keySet()) + ".");
    }
    return d;
  }

  private static boolean isLong(String v) {
    try {
      Long.parseLong(v.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
