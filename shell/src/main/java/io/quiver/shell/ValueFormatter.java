package io.quiver.shell;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** One value of a result column as text. NULL is returned as Java null; callers choose how to show it. */
public final class ValueFormatter {
  /** Tensors longer than this show their first elements and an ellipsis. */
  private static final int TENSOR_PREVIEW = 8;

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private ValueFormatter() {}

  public static String format(FieldVector v, int row) {
    if (v.isNull(row)) {
      return null;
    }
    if (v instanceof FixedShapeTensorVector t) {
      return tensor(t, row);
    }
    if (v instanceof VarCharVector s) {
      return new String(s.get(row), StandardCharsets.UTF_8);
    }
    if (v instanceof Float8Vector d) {
      return number(d.get(row));
    }
    if (v instanceof Float4Vector f) {
      // Through Float.toString, so 1.1f prints as 1.1 rather than as the double 1.100000023841858.
      return number(Double.parseDouble(Float.toString(f.get(row))));
    }
    if (v instanceof BitVector b) {
      return b.get(row) == 1 ? "true" : "false";
    }
    if (v instanceof DateDayVector d) {
      return LocalDate.ofEpochDay(d.get(row)).toString();
    }
    if (v instanceof TimeStampVector ts) {
      return timestamp(ts, row);
    }
    if (v instanceof VarBinaryVector b) {
      return hex(b.get(row));
    }
    if (v instanceof ListVector l) {
      return list(l.getObject(row));
    }
    Object o = v.getObject(row);
    return o == null ? null : String.valueOf(o);
  }

  /** Doubles without exponents in the everyday range, as DuckDB prints them. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs < 1e-4 || abs >= 1e15)) {
      return Double.toString(d);
    }
    String s = BigDecimal.valueOf(d).toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  private static String timestamp(TimeStampVector ts, int row) {
    long v = ts.get(row);
    ArrowType.Timestamp type = (ArrowType.Timestamp) ts.getField().getType();
    long micros = switch (type.getUnit()) {
      case SECOND -> v * 1_000_000L;
      case MILLISECOND -> v * 1_000L;
      case MICROSECOND -> v;
      case NANOSECOND -> v / 1_000L;
    };
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), fraction * 1000,
        java.time.ZoneOffset.UTC);
    return t.format(fraction == 0 ? SECONDS : MICROS);
  }

  private static String tensor(FixedShapeTensorVector t, int row) {
    FixedShapeTensorType type = t.tensorType();
    int size = type.size();
    FieldVector elements = t.elements();
    StringBuilder sb = new StringBuilder(type.sqlName()).append(" [");
    int shown = Math.min(size, TENSOR_PREVIEW);
    for (int i = 0; i < shown; i++) {
      Object o = elements.getObject(row * size + i);
      sb.append(i == 0 ? "" : ", ").append(o instanceof Double d ? number(d) : o instanceof Float f ? number(f) : String.valueOf(o));
    }
    return sb.append(size > shown ? ", ...]" : "]").toString();
  }

  private static String list(Object o) {
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        Object e = l.get(i);
        sb.append(i == 0 ? "" : ", ").append(e instanceof Double d ? number(d) : String.valueOf(e));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(o);
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder("\\x");
    for (int i = 0; i < Math.min(bytes.length, 32); i++) {
      sb.append(String.format("%02X", bytes[i]));
    }
    return bytes.length > 32 ? sb.append("... (").append(bytes.length).append(" bytes)").toString() : sb.toString();
  }
}
