package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import io.quiver.udf.QuiverFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the engine runs one UDF: the {@link QuiverFunction} defaults overridden by
 * {@code CREATE FUNCTION ... WITH (...)}. {@code maxActors == 0} means a stateless function run as a
 * plain task inside the pipelines; otherwise an actor pool of {@code minActors..maxActors} actors, each
 * reserving {@code numCpus}, {@code numGpus}, {@code memoryBytes} and {@code resources}.
 */
public record UdfHints(int batchSize, int minActors, int maxActors, double numCpus, double numGpus,
    long memoryBytes, Map<String, Double> resources, int maxRetries, OnError onError) {

  /** What a batch that still fails after its retries does. */
  public enum OnError { FAIL, SKIP, NULL }

  /** The option names that are execution hints; every other option goes to the function. */
  public static final Set<String> KEYS = Set.of("batch_size", "concurrency", "num_cpus", "num_gpus", "memory",
      "resources", "max_retries", "on_error");

  public UdfHints {
    resources = Map.copyOf(resources);
  }

  /** True when the function runs in an actor pool. */
  public boolean isPool() {
    return maxActors > 0;
  }

  /** The hints of a function declared by {@code declared} (may be null) with {@code with} overrides. */
  public static UdfHints of(QuiverFunction declared, Map<String, String> with, String function) {
    Map<String, String> w = lowerKeys(with);
    int batchSize = intOption(w, "batch_size", declared == null ? 0 : declared.batchSize(), 0, function);
    String concurrency = w.getOrDefault("concurrency", declared == null ? "" : declared.concurrency()).strip();
    double cpus = doubleOption(w, "num_cpus", declared == null ? 1 : declared.numCpus(), function);
    double gpus = doubleOption(w, "num_gpus", declared == null ? 0 : declared.numGpus(), function);
    String memoryText = w.getOrDefault("memory", declared == null ? "" : declared.memory());
    long memory = memoryText.isBlank() ? 0 : bytes(memoryText, function);
    Map<String, Double> resources = w.containsKey("resources") ? resources(w.get("resources"), function) : Map.of();
    int retries = intOption(w, "max_retries", declared == null ? 0 : declared.maxRetries(), 0, function);
    String onErrorText = w.getOrDefault("on_error", declared == null ? "fail" : declared.onError());
    OnError onError;
    try {
      onError = OnError.valueOf(onErrorText.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(function, "on_error", onErrorText, "'fail', 'skip' or 'null'");
    }
    int min = 0;
    int max = 0;
    if (!concurrency.isEmpty()) {
      int[] range = concurrency(concurrency, function);
      min = range[0];
      max = range[1];
    } else if (gpus > 0 || memory > 0 || !resources.isEmpty()) {
      min = 1; // reserving resources only makes sense for a long-lived actor
      max = 1;
    }
    return new UdfHints(batchSize, min, max, cpus, gpus, memory, resources, retries, onError);
  }

  /** The options of {@code with} that are not hints, keys in lower case: what the function sees. */
  public static Map<String, String> userOptions(Map<String, String> with) {
    Map<String, String> out = new TreeMap<>();
    lowerKeys(with).forEach((k, v) -> {
      if (!KEYS.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** For EXPLAIN and SHOW FUNCTIONS, e.g. {@code concurrency=1..4 num_cpus=1 batch_size=100}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (isPool()) {
      sb.append("concurrency=").append(minActors == maxActors ? Integer.toString(maxActors) : minActors + ".." + maxActors)
          .append(" num_cpus=").append(num(numCpus));
      if (numGpus > 0) {
        sb.append(" num_gpus=").append(num(numGpus));
      }
      if (memoryBytes > 0) {
        sb.append(" memory=").append(memoryBytes / (1024 * 1024)).append("m");
      }
      resources.forEach((k, v) -> sb.append(" ").append(k).append("=").append(num(v)));
    } else {
      sb.append("stateless");
    }
    if (batchSize > 0) {
      sb.append(" batch_size=").append(batchSize);
    }
    if (maxRetries > 0) {
      sb.append(" max_retries=").append(maxRetries);
    }
    if (onError != OnError.FAIL) {
      sb.append(" on_error=").append(onError.name().toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static Map<String, String> lowerKeys(Map<String, String> with) {
    Map<String, String> out = new LinkedHashMap<>();
    with.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  private static int[] concurrency(String text, String function) {
    String expected = "a positive number of actors (e.g. 2) or a range 'min..max' (e.g. '1..4')";
    try {
      int dots = text.indexOf("..");
      int min = dots < 0 ? Integer.parseInt(text) : Integer.parseInt(text.substring(0, dots).strip());
      int max = dots < 0 ? min : Integer.parseInt(text.substring(dots + 2).strip());
      if (min < 1 || max < min) {
        throw bad(function, "concurrency", text, expected);
      }
      return new int[] {min, max};
    } catch (NumberFormatException e) {
      throw bad(function, "concurrency", text, expected);
    }
  }

  private static int intOption(Map<String, String> w, String key, int fallback, int min, String function) {
    String v = w.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int i = Integer.parseInt(v.strip());
      if (i < min) {
        throw bad(function, key, v, "an integer of at least " + min);
      }
      return i;
    } catch (NumberFormatException e) {
      throw bad(function, key, v, "an integer of at least " + min);
    }
  }

  private static double doubleOption(Map<String, String> w, String key, double fallback, String function) {
    String v = w.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.strip());
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        throw bad(function, key, v, "a number of at least 0");
      }
      return d;
    } catch (NumberFormatException e) {
      throw bad(function, key, v, "a number of at least 0");
    }
  }

  /** {@code 512m}, {@code 2g}, {@code 1024k} or plain bytes. */
  static long bytes(String text, String function) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty()) {
      char c = t.charAt(t.length() - 1);
      unit = c == 'k' ? 1L << 10 : c == 'm' ? 1L << 20 : c == 'g' ? 1L << 30 : c == 't' ? 1L << 40 : 1;
      if (unit > 1) {
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      double v = Double.parseDouble(t.strip());
      if (v < 0) {
        throw bad(function, "memory", text, "a size such as '512m' or '2g'");
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw bad(function, "memory", text, "a size such as '512m' or '2g'");
    }
  }

  /** {@code 'name:amount, name:amount'} (or {@code =}). */
  private static Map<String, Double> resources(String text, String function) {
    Map<String, Double> out = new TreeMap<>();
    String expected = "a list such as 'tpu:1, accelerator_x:0.5'";
    for (String part : List.of(text.replaceAll("[{}\"]", "").split(","))) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("[:=]");
      if (kv.length != 2 || kv[0].isBlank()) {
        throw bad(function, "resources", text, expected);
      }
      try {
        double d = Double.parseDouble(kv[1].strip());
        if (d < 0) {
          throw bad(function, "resources", text, expected);
        }
        out.put(kv[0].strip().toLowerCase(Locale.ROOT), d);
      } catch (NumberFormatException e) {
        throw bad(function, "resources", text, expected);
      }
    }
    return out;
  }

  private static QuiverException bad(String function, String key, String value, String expected) {
    return new QuiverException("Invalid value '" + value + "' for option '" + key + "' of function " + function
        + ": expected " + expected + ".");
  }
}
