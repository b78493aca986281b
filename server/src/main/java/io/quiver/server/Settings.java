package io.quiver.server;

import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.MemoryLimit;
import io.quiver.executor.runtime.SpillFiles;
import io.quiver.executor.storage.S3Config;
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
    KNOWN.put(io.quiver.executor.source.LineSplits.SETTING, new Definition(io.quiver.executor.source.LineSplits.DEFAULT_SIZE,
        "CSV and JSON-lines files bigger than this are read in byte ranges of about this size, in parallel "
            + "(0: each file whole)", MemoryLimit::isValid));
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
    // S3 access (io.quiver.executor.storage.S3Config): unset means the SDK's defaults, so AWS users need none.
    KNOWN.put(S3Config.ENDPOINT, new Definition(null, "S3 endpoint URL for MinIO, Ceph, s3proxy, ... (default: AWS)",
        v -> v.isBlank() || validS3(v, S3Config.ENDPOINT)));
    KNOWN.put(S3Config.REGION, new Definition(null, "S3 region (default: the SDK's region chain; us-east-1 with an "
        + "endpoint)", v -> v.isBlank() || v.trim().matches("[a-z0-9-]+")));
    KNOWN.put(S3Config.PATH_STYLE, new Definition(null, "S3 path-style URLs (bucket in the path, as MinIO and "
        + "s3proxy need): true or false", v -> v.isBlank() || v.trim().matches("(?i)true|false")));
    KNOWN.put(S3Config.ACCESS_KEY_ID, new Definition(null, "S3 access key id (default: the SDK's credential chain)",
        v -> true));
    KNOWN.put(S3Config.SECRET_ACCESS_KEY, new Definition(null, "S3 secret access key (never shown)", v -> true));
    KNOWN.put(S3Config.SESSION_TOKEN, new Definition(null, "S3 session token for temporary credentials (never shown)",
        v -> true));
    KNOWN.put(S3Config.REQUEST_CHECKSUMS, new Definition(null, "S3 request checksums: 'when_supported' (the SDK's "
        + "default) or 'when_required' (for servers that reject them)", v -> v.isBlank() || validS3(v, S3Config.REQUEST_CHECKSUMS)));
    KNOWN.put(S3Config.RESPONSE_CHECKSUMS, new Definition(null, "S3 response checksum validation: 'when_supported' or "
        + "'when_required'", v -> v.isBlank() || validS3(v, S3Config.RESPONSE_CHECKSUMS)));
    KNOWN.put(S3Config.MAX_ATTEMPTS, new Definition(null, "attempts per S3 request; throttling and 5xx are retried "
        + "with exponential backoff (default: " + S3Config.DEFAULT_MAX_ATTEMPTS + ")",
        v -> validS3(v, S3Config.MAX_ATTEMPTS)));
    KNOWN.put(S3Config.LIST_PAGE_SIZE, new Definition(null, "keys per S3 listing request (default: "
        + S3Config.DEFAULT_LIST_PAGE_SIZE + ")", v -> validS3(v, S3Config.LIST_PAGE_SIZE)));
  }

  /** Whether {@code S3Config} accepts {@code value} for {@code key} (it owns the rules). */
  private static boolean validS3(String value, String key) {
    try {
      S3Config.from(Map.of(key, value));
      return true;
    } catch (QuiverException e) {
      return false;
    }
  }

  /** Whether a setting's value is secret: {@code SHOW SETTINGS} and {@code SET} show it masked. */
  public static boolean isSecret(String key) {
    return S3Config.isSecret(key);
  }

  /** {@code value} as it may be shown for {@code key}: secrets masked. */
  public static String display(String key, String value) {
    return value == null || value.isEmpty() || !isSecret(key) ? value : "****";
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
      throw new QuiverException("Invalid value '" + display(key, value) + "' for setting '" + key + "' ("
          + d.description() + ").");
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
        .map(e -> new String[] {e.getKey(), display(e.getKey(), values.getOrDefault(e.getKey(), "")),
            e.getValue().description()})
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
