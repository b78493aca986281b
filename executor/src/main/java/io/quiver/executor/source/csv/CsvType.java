package io.quiver.executor.source.csv;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The SQL types a CSV column can be read as, with their Arrow types and how text becomes a value.
 * Numbers, booleans, dates and timestamps ignore surrounding spaces; booleans are {@code true}/{@code
 * false} in any case; dates are {@code yyyy-MM-dd}; timestamps {@code yyyy-MM-dd HH:mm:ss[.fraction]}
 * (or with a {@code T}), kept to the microsecond.
 */
enum CsvType {
  BOOLEAN(ArrowType.Bool.INSTANCE),
  TINYINT(new ArrowType.Int(8, true)),
  SMALLINT(new ArrowType.Int(16, true)),
  INTEGER(new ArrowType.Int(32, true)),
  BIGINT(new ArrowType.Int(64, true)),
  REAL(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
  DOUBLE(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  DATE(new ArrowType.Date(DateUnit.DAY)),
  TIMESTAMP(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
  VARCHAR(ArrowType.Utf8.INSTANCE);

  /** The order in which inference tries types: the first that reads every sampled value wins. */
  static final CsvType[] INFERENCE_ORDER = {BOOLEAN, BIGINT, DOUBLE, DATE, TIMESTAMP};

  final ArrowType arrow;

  CsvType(ArrowType arrow) {
    this.arrow = arrow;
  }

  /** The type a declaration names (case-insensitive, common synonyms accepted), or null. */
  static CsvType named(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (n.startsWith("DECIMAL") || n.startsWith("NUMERIC")) {
      return DOUBLE; // the engine evaluates DECIMAL as DOUBLE
    }
    switch (n) {
      case "BOOLEAN":
      case "BOOL":
        return BOOLEAN;
      case "TINYINT":
      case "INT1":
        return TINYINT;
      case "SMALLINT":
      case "INT2":
        return SMALLINT;
      case "INTEGER":
      case "INT":
      case "INT4":
        return INTEGER;
      case "BIGINT":
      case "INT8":
      case "LONG":
        return BIGINT;
      case "REAL":
      case "FLOAT":
      case "FLOAT4":
        return REAL;
      case "DOUBLE":
      case "DOUBLE PRECISION":
      case "FLOAT8":
        return DOUBLE;
      case "DATE":
        return DATE;
      case "TIMESTAMP":
      case "DATETIME":
        return TIMESTAMP;
      case "VARCHAR":
      case "TEXT":
      case "STRING":
        return VARCHAR;
      default:
        return n.startsWith("VARCHAR(") ? VARCHAR : null;
    }
  }

  /** Whether {@code text} (not empty) reads as this type. */
  boolean accepts(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      return false;
    }
  }

  /**
   * The value of {@code text}: Boolean, Long (integers; days for DATE, microseconds for TIMESTAMP),
   * Double, or the String itself.
   *
   * @throws IllegalArgumentException (or a subclass) if the text is not of this type
   */
  Object parse(String text) {
    String t = this == VARCHAR ? text : text.strip();
    switch (this) {
      case BOOLEAN:
        if (t.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
          return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
      case TINYINT:
        return (long) Byte.parseByte(t);
      case SMALLINT:
        return (long) Short.parseShort(t);
      case INTEGER:
        return (long) Integer.parseInt(t);
      case BIGINT:
        return Long.parseLong(t);
      case REAL:
      case DOUBLE:
        return parseDouble(t);
      case DATE:
        return LocalDate.parse(t).toEpochDay();
      case TIMESTAMP:
        return parseTimestamp(t);
      default:
        return t;
    }
  }

  private static double parseDouble(String t) {
    String lower = t.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "infinity":
      case "+inf":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    // Java also reads hex floats and "1d"/"1f"; CSV numbers are plain decimals.
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        throw new NumberFormatException("not a number");
      }
    }
    return Double.parseDouble(t);
  }

  private static long parseTimestamp(String t) {
    if (t.length() < 19 || (t.charAt(10) != ' ' && t.charAt(10) != 'T')) {
      throw new IllegalArgumentException("not a timestamp");
    }
    LocalDateTime dt = LocalDateTime.parse(t.substring(0, 10) + 'T' + t.substring(11));
    long seconds = dt.toEpochSecond(ZoneOffset.UTC);
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), dt.getNano() / 1000);
  }
}
