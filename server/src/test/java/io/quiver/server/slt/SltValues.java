package io.quiver.server.slt;

import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/** How the runner prints values: NULL, (empty) for '', reals with at most 6 decimals, tensors by type. */
final class SltValues {
  private SltValues() {}

  static String format(FieldVector v, int row) {
    if (v.isNull(row)) {
      return "NULL";
    }
    if (v instanceof VarCharVector s) {
      String text = new String(s.get(row), StandardCharsets.UTF_8);
      return text.isEmpty() ? "(empty)" : text;
    }
    if (v instanceof FloatingPointVector f) {
      return real(f.getValueAsDouble(row));
    }
    if (v instanceof BitVector b) {
      return b.get(row) == 1 ? "true" : "false";
    }
    if (v instanceof DateDayVector d) {
      return LocalDate.ofEpochDay(d.get(row)).toString();
    }
    if (v instanceof TimeStampMicroVector t) {
      int micros = (int) Math.floorMod(t.get(row), 1_000_000L);
      return java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(t.get(row), 1_000_000L), micros * 1000,
          java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern(
              micros == 0 ? "uuuu-MM-dd HH:mm:ss" : "uuuu-MM-dd HH:mm:ss.SSSSSS"));
    }
    if (v instanceof org.apache.arrow.vector.Float4Vector f) {
      return real(Double.parseDouble(Float.toString(f.get(row))));
    }
    if (v instanceof FixedShapeTensorVector t) {
      return t.tensorType().sqlName();
    }
    return String.valueOf(v.getObject(row));
  }

  static String real(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    String s = BigDecimal.valueOf(d).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }
}
