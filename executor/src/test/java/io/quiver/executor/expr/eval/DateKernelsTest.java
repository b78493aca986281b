package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Functions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class DateKernelsTest extends ExprTestSupport {

  /** extract(unit, value) with value as a column and as a constant (folded); both must agree. */
  private Object extractAs(org.apache.arrow.vector.types.pojo.ArrowType resultType, String unit, Object value,
      org.apache.arrow.vector.types.pojo.ArrowType type) {
    try (VectorSchemaRoot b = batch(column("v", type, value))) {
      Object viaColumn = eval(call(Functions.EXTRACT, resultType, lit(unit), col(0, type)), b).get(0);
      Object viaConstant = eval(call(Functions.EXTRACT, resultType, lit(unit), lit(value, type)), b).get(0);
      assertEquals(viaColumn, viaConstant);
      return viaColumn;
    }
  }

  private long extract(String unit, Object value, org.apache.arrow.vector.types.pojo.ArrowType type) {
    return (Long) extractAs(BIGINT, unit, value, type);
  }

  @Test
  void calendarFieldsMatchJavaTime() {
    for (long day = -800_000; day < 800_000; day += 997) {
      LocalDate d = LocalDate.ofEpochDay(day);
      assertEquals(d.getYear(), DateKernels.yearOf(day), d.toString());
      assertEquals(d.getMonthValue(), DateKernels.monthOf(day), d.toString());
      assertEquals(d.getDayOfMonth(), DateKernels.dayOf(day), d.toString());
      assertEquals(day, DateKernels.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }
  }

  @Test
  void extractFromDates() {
    int day = (int) LocalDate.of(2024, 3, 10).toEpochDay(); // a Sunday
    assertEquals(2024, extract("year", day, DATE));
    assertEquals(3, extract("month", day, DATE));
    assertEquals(10, extract("day", day, DATE));
    assertEquals(0, extract("dow", day, DATE));
    assertEquals(7, extract("isodow", day, DATE));
    assertEquals(31 + 29 + 10, extract("doy", day, DATE));
    assertEquals(1, extract("quarter", day, DATE));
    assertEquals(LocalDate.of(2024, 3, 10).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), extract("week", day, DATE));
    assertEquals(day * 86400L, extract("epoch", day, DATE));
    assertEquals(0, extract("hour", day, DATE));
    assertEquals(1, extract("week", (int) LocalDate.of(2024, 12, 30).toEpochDay(), DATE));
    assertEquals(4, extract("quarter", (int) LocalDate.of(1969, 12, 31).toEpochDay(), DATE));
    assertEquals(3, extract("dow", -1, DATE)); // 1969-12-31 was a Wednesday
  }

  @Test
  void extractFromTimestamps() {
    LocalDateTime t = LocalDateTime.of(1999, 12, 31, 23, 58, 7, 250_000_000);
    long micros = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + 250_000;
    assertEquals(1999, extract("YEAR", micros, TIMESTAMP));
    assertEquals(23, extract("hour", micros, TIMESTAMP));
    assertEquals(58, extract("minute", micros, TIMESTAMP));
    assertEquals(7, extract("second", micros, TIMESTAMP));
    assertEquals(t.get(ChronoField.DAY_OF_YEAR), extract("doy", micros, TIMESTAMP));
    assertEquals(t.toEpochSecond(ZoneOffset.UTC), extract("epoch", micros, TIMESTAMP));
    assertEquals(7.25, (Double) extractAs(DOUBLE, "second", micros, TIMESTAMP), 1e-9);
    assertEquals(micros / 1e6, (Double) extractAs(DOUBLE, "epoch", micros, TIMESTAMP), 1e-6);
    // Before the epoch, fields still count forward from midnight.
    assertEquals(23, extract("hour", -1L, TIMESTAMP));
    assertEquals(1969, extract("year", -1L, TIMESTAMP));
  }

  @Test
  void extractWithNullsAndBadUnit() {
    try (VectorSchemaRoot b = batch(column("d", DATE, 0, null))) {
      assertEquals(java.util.Arrays.asList(1970L, null),
          eval(call(Functions.EXTRACT, BIGINT, lit("year"), col(0, DATE)), b));
      QuiverException e = assertThrows(QuiverException.class,
          () -> eval(call(Functions.EXTRACT, BIGINT, lit("fortnight"), col(0, DATE)), b));
      assertTrue(e.getMessage().contains("fortnight"), e.getMessage());
    }
  }

  @Test
  void currentDateAndTimestamp() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 2L))) {
      ctx = context(settings("timezone", "UTC"));
      List<Object> d = eval(call(Functions.CURRENT_DATE, DATE), b);
      long today = LocalDate.now(ZoneOffset.UTC).toEpochDay();
      assertTrue(Math.abs(((Integer) d.get(0)) - today) <= 1);
      assertEquals(d.get(0), d.get(1));
      List<Object> ts = eval(call(Functions.CURRENT_TIMESTAMP, TIMESTAMP), b);
      long now = System.currentTimeMillis() * 1000;
      assertTrue(Math.abs((Long) ts.get(0) - now) < 60_000_000L);
    }
  }
}
