package io.quiver.server.flight;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.Text;

/**
 * Turns bound parameter values (one row of the parameter batch a client sends) into SQL literals of the
 * parameter's type: numbers as numbers, text quoted with {@code '} doubled, dates and timestamps as
 * {@code DATE '...'} / {@code TIMESTAMP '...'}, bytes as {@code X'..'}, NULL as a typed NULL.
 */
final class ParameterLiterals {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private ParameterLiterals() {}

  /** The literal for row {@code row} of {@code v}. */
  static String literal(FieldVector v, int row) {
    if (v.isNull(row)) {
      return typedNull(v.getField());
    }
    ArrowType t = v.getField().getType();
    Object o = v.getObject(row);
    if (t instanceof ArrowType.Int || t instanceof ArrowType.Bool) {
      return o.toString().toUpperCase(java.util.Locale.ROOT);
    }
    if (t instanceof ArrowType.FloatingPoint f) {
      double d = ((Number) o).doubleValue();
      String type = f.getPrecision() == FloatingPointPrecision.SINGLE ? "REAL" : "DOUBLE";
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "CAST('" + d + "' AS " + type + ")";
      }
      String s = Double.toString(d);
      return "CAST(" + (s.contains("E") ? s : s + "E0") + " AS " + type + ")";
    }
    if (t instanceof ArrowType.Decimal) {
      return ((BigDecimal) o).toPlainString();
    }
    if (o instanceof Text || t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
      return quote(o.toString());
    }
    if (v instanceof DateDayVector d) {
      return "DATE '" + LocalDate.ofEpochDay(d.get(row)) + "'";
    }
    if (v instanceof DateMilliVector d) {
      return "DATE '" + LocalDate.ofEpochDay(Math.floorDiv(d.get(row), 86_400_000L)) + "'";
    }
    if (v instanceof TimeStampVector && o instanceof LocalDateTime ts) {
      return "TIMESTAMP '" + TS.format(ts) + "'";
    }
    if (o instanceof byte[] b) {
      return "X'" + HexFormat.of().formatHex(b) + "'";
    }
    // Anything else travels as text; the statement decides what it means.
    return quote(new String(o.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  /** A NULL of the field's SQL type, e.g. {@code CAST(NULL AS BIGINT)}. */
  static String typedNull(Field f) {
    return "CAST(NULL AS " + sqlType(f.getType()) + ")";
  }

  static String sqlType(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      switch (i.getBitWidth()) {
        case 8: return "TINYINT";
        case 16: return "SMALLINT";
        case 32: return "INTEGER";
        default: return "BIGINT";
      }
    }
    if (t instanceof ArrowType.FloatingPoint f) {
      return f.getPrecision() == FloatingPointPrecision.SINGLE ? "REAL" : "DOUBLE";
    }
    if (t instanceof ArrowType.Bool) {
      return "BOOLEAN";
    }
    if (t instanceof ArrowType.Date) {
      return "DATE";
    }
    if (t instanceof ArrowType.Timestamp) {
      return "TIMESTAMP";
    }
    if (t instanceof ArrowType.Decimal) {
      return "DOUBLE";
    }
    if (t instanceof ArrowType.Binary) {
      return "VARBINARY";
    }
    return "VARCHAR";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
