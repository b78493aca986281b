package io.quiver.executor.expr.eval;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text forms of values for CAST: parsing strings into numbers, booleans, dates and timestamps (the
 * forms PostgreSQL and DuckDB accept) and formatting values back. Parse failures throw
 * {@link IllegalArgumentException} with a message naming the value and the target type.
 */
final class TextFormats {
  private TextFormats() {}

  static final long MICROS_PER_DAY = 86_400_000_000L;

  private static final Pattern DATE_TIME = Pattern.compile(
      "(-?\\d{1,6})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?"
          + "\\s*(Z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?");

  static IllegalArgumentException cannot(String value, String target) {
    return new IllegalArgumentException("Cannot cast '" + value + "' to " + target);
  }

  static long parseLong(String s, String target) {
    String t = s.strip();
    try {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      throw cannot(s, target);
    }
  }

  static double parseDouble(String s, String target) {
    String t = s.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
    }
    // Java also accepts "1d", "1f" and hexadecimal floats; SQL does not.
    if (t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1)) && t.charAt(t.length() - 1) != '.'
        || lower.contains("x")) {
      throw cannot(s, target);
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw cannot(s, target);
    }
  }

  static boolean parseBoolean(String s) {
    switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "t":
      case "true":
      case "y":
      case "yes":
      case "on":
      case "1":
        return true;
      case "f":
      case "false":
      case "n":
      case "no":
      case "off":
      case "0":
        return false;
      default:
        throw cannot(s, "BOOLEAN");
    }
  }

  /** Days since 1970-01-01 of a {@code yyyy-mm-dd} string (a time part, if any, is dropped). */
  static long parseDate(String s) {
    return Math.floorDiv(parseTimestamp(s, "DATE"), MICROS_PER_DAY);
  }

  static long parseTimestamp(String s) {
    return parseTimestamp(s, "TIMESTAMP");
  }

  /** Microseconds since the epoch of {@code yyyy-mm-dd[ hh:mm[:ss[.f]]][zone]}, zones converted to UTC. */
  private static long parseTimestamp(String s, String target) {
    Matcher m = DATE_TIME.matcher(s.strip());
    if (!m.matches()) {
      throw cannot(s, target);
    }
    try {
      LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
          m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
          m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      long micros = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
      if (m.group(7) != null) {
        String frac = (m.group(7) + "00000").substring(0, 6);
        micros += Long.parseLong(frac);
      }
      String zone = m.group(8);
      if (zone != null && !zone.equals("Z") && !zone.equals("UTC")) {
        String z = zone.replace(":", "");
        int sign = z.charAt(0) == '-' ? -1 : 1;
        String digits = z.substring(1);
        int hours = Integer.parseInt(digits.length() > 2 ? digits.substring(0, digits.length() - 2) : digits);
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(digits.length() - 2)) : 0;
        micros -= sign * (hours * 3600L + minutes * 60L) * 1_000_000L;
      }
      return micros;
    } catch (DateTimeException | NumberFormatException e) {
      throw cannot(s, target);
    }
  }

  static String formatDate(long days) {
    return LocalDate.ofEpochDay(days).toString();
  }

  /** {@code yyyy-mm-dd hh:mm:ss[.ffffff]}, trailing zeros of the fraction dropped (as DuckDB prints). */
  static String formatTimestamp(long micros) {
    long secs = Math.floorDiv(micros, 1_000_000L);
    int frac = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(t.toLocalDate().toString()).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond());
    if (frac != 0) {
      String f = String.format(Locale.ROOT, "%06d", frac);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(f, 0, end);
    }
    return sb.toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** Shortest text that reads back as the same double, without exponent for ordinary magnitudes. */
  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    double a = Math.abs(d);
    if (a != 0 && (a < 1e-4 || a >= 1e16)) {
      return Double.toString(d);
    }
    String s = new BigDecimal(Double.toString(d)).toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  static String formatFloat(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return formatDouble(f);
    }
    float a = Math.abs(f);
    if (a != 0 && (a < 1e-4f || a >= 1e16f)) {
      return Float.toString(f);
    }
    String s = new BigDecimal(Float.toString(f)).toPlainString();
    return s.contains(".") ? s : s + ".0";
  }
}
