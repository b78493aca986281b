package io.quiver.executor.source;

import io.quiver.executor.QuiverException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to a table function's arguments (String, Long, Double or Boolean values
 * keyed by lower-case parameter name). Errors name the function and the argument.
 */
public final class SourceArgs {
  private final String function;
  private final Map<String, Object> args;

  /** @param known the parameter names the function accepts; any other key is an error */
  public SourceArgs(String function, Map<String, Object> args, Set<String> known) {
    this.function = function;
    this.args = args;
    Set<String> unknown = new TreeSet<>(args.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new QuiverException(function + ": unknown argument(s) " + unknown + "; expected some of "
          + new TreeSet<>(known) + ".");
    }
  }

  public String function() {
    return function;
  }

  public boolean has(String name) {
    return args.get(name) != null;
  }

  /** A required string argument. */
  public String requiredString(String name) {
    String s = string(name, null);
    if (s == null) {
      throw new QuiverException(function + ": the argument '" + name + "' is required.");
    }
    return s;
  }

  public String string(String name, String fallback) {
    Object v = args.get(name);
    return v == null ? fallback : v.toString();
  }

  public boolean bool(String name, boolean fallback) {
    Object v = args.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("1")) {
      return true;
    }
    if (s.equals("false") || s.equals("0")) {
      return false;
    }
    throw bad(name, v, "a boolean");
  }

  /** A whole-number argument, or {@code null} when absent. */
  public Long integer(String name) {
    Object v = args.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
      throw bad(name, v, "a whole number");
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw bad(name, v, "a whole number");
    }
  }

  /** An error about argument {@code name} whose value {@code v} is not {@code expected}. */
  public QuiverException bad(String name, Object v, String expected) {
    return new QuiverException(function + ": the argument '" + name + "' must be " + expected
        + ", got '" + v + "'.");
  }
}
