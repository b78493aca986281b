package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class CastKernelsTest extends ExprTestSupport {

  private Object cast(Literal value, ArrowType to) {
    return fn(Functions.CAST, to, value);
  }

  private Object tryCast(Literal value, ArrowType to) {
    return fn(Functions.TRY_CAST, to, value);
  }

  @Test
  void stringsToNumbers() {
    assertEquals(42L, cast(lit(" 42 "), INT));
    assertEquals(-7L, cast(lit("-7"), BIGINT));
    assertEquals(7L, cast(lit("+7"), SMALLINT));
    assertEquals(1.5, cast(lit("1.5"), DOUBLE));
    assertEquals(1e-3, cast(lit("1e-3"), DOUBLE));
    assertEquals(Double.NEGATIVE_INFINITY, cast(lit("-Infinity"), DOUBLE));
    assertTrue(Double.isNaN((Double) cast(lit("nan"), DOUBLE)));
    assertEquals(2.5, cast(lit("2.5"), FLOAT));
  }

  @Test
  void badStringNamesTheValue() {
    try (VectorSchemaRoot b = batch(column("label", UTF8, "7", "seven"))) {
      QuiverException e = assertThrows(QuiverException.class,
          () -> eval(call(Functions.CAST, INT, col(0, UTF8)), b));
      assertTrue(e.getMessage().contains("'seven'"), e.getMessage());
      assertTrue(e.getMessage().contains("INTEGER"), e.getMessage());
      assertTrue(e.getMessage().contains("cast(label)"), e.getMessage());
      assertEquals(Arrays.asList(7L, null), eval(call(Functions.TRY_CAST, INT, col(0, UTF8)), b));
    }
    assertNull(tryCast(lit("1.5"), INT));
    assertNull(tryCast(lit("1d"), DOUBLE));
    assertNull(tryCast(lit("300"), TINYINT));
    assertNull(tryCast(lit(""), BIGINT));
  }

  @Test
  void doubleToIntegerTruncatesTowardZero() {
    assertEquals(2L, cast(lit(2.5), INT));
    assertEquals(-2L, cast(lit(-2.5), INT));
    assertEquals(2L, cast(lit(2.4999), BIGINT));
    assertEquals(0L, cast(lit(0.49999999999999994), INT));
    assertEquals(1L, cast(lit(1.5, FLOAT), INT));
    assertEquals(-1L, cast(lit(-1.9), INT));
    assertNull(tryCast(lit(1e10), INT));
    assertNull(tryCast(lit(Double.NaN), BIGINT));
    try (VectorSchemaRoot b = batch(column("x", DOUBLE, 1e20))) {
      QuiverException e = assertThrows(QuiverException.class, () -> eval(call(Functions.CAST, BIGINT, col(0, DOUBLE)), b));
      assertTrue(e.getMessage().contains("out of range for BIGINT"), e.getMessage());
    }
  }

  @Test
  void integerNarrowingChecksRange() {
    assertEquals(127L, cast(lit(127L), TINYINT));
    assertEquals(-32768L, cast(lit(-32768L), SMALLINT));
    assertNull(tryCast(lit(128L), TINYINT));
    assertNull(tryCast(lit(1L << 40), INT));
    assertThrows(QuiverException.class, () -> cast(lit(1L << 40), INT));
    assertEquals(5L, cast(lit(5L, TINYINT), BIGINT));
  }

  @Test
  void booleans() {
    assertEquals(true, cast(lit("TRUE"), BOOL));
    assertEquals(false, cast(lit("off"), BOOL));
    assertEquals(true, cast(lit("1"), BOOL));
    assertNull(tryCast(lit("maybe"), BOOL));
    assertEquals(true, cast(lit(5L), BOOL));
    assertEquals(false, cast(lit(0.0), BOOL));
    assertEquals(1L, cast(lit(true, BOOL), INT));
    assertEquals(0.0, cast(lit(false, BOOL), DOUBLE));
    assertEquals("true", cast(lit(true, BOOL), UTF8));
  }

  @Test
  void numbersToText() {
    assertEquals("42", cast(lit(42L, INT), UTF8));
    assertEquals("-9223372036854775808", cast(lit(Long.MIN_VALUE), UTF8));
    assertEquals("1.5", cast(lit(1.5), UTF8));
    assertEquals("1.0", cast(lit(1.0), UTF8));
    assertEquals("0.1", cast(lit(0.1, FLOAT), UTF8));
    assertEquals("100000.0", cast(lit(1e5), UTF8));
    assertEquals("1.0E20", cast(lit(1e20), UTF8));
    assertEquals("NaN", cast(lit(Double.NaN), UTF8));
  }

  @Test
  void datesAndTimestamps() {
    int day = (int) LocalDate.of(2024, 2, 29).toEpochDay();
    assertEquals(day, cast(lit("2024-02-29"), DATE));
    assertEquals(day, cast(lit("2024-2-29"), DATE));
    assertEquals("2024-02-29", cast(lit(day, DATE), UTF8));
    assertNull(tryCast(lit("2023-02-29"), DATE));
    assertNull(tryCast(lit("yesterday"), DATE));
    long micros = day * 86_400_000_000L + ((13 * 60 + 5) * 60 + 9) * 1_000_000L + 120_000;
    assertEquals(micros, cast(lit("2024-02-29 13:05:09.12"), TIMESTAMP));
    assertEquals(micros, cast(lit("2024-02-29T13:05:09.120000"), TIMESTAMP));
    assertEquals(micros - 3_600_000_000L, cast(lit("2024-02-29 13:05:09.12+01:00"), TIMESTAMP));
    assertEquals("2024-02-29 13:05:09.12", cast(lit(micros, TIMESTAMP), UTF8));
    assertEquals("1969-12-31 23:59:59.999999", cast(lit(-1L, TIMESTAMP), UTF8));
    assertEquals(day * 86_400_000_000L, cast(lit(day, DATE), TIMESTAMP));
    assertEquals(day, cast(lit(micros, TIMESTAMP), DATE));
    assertEquals(-1, cast(lit(-1L, TIMESTAMP), DATE));
    assertEquals(day, cast(lit("2024-02-29 10:00:00"), DATE));
    try (VectorSchemaRoot b = batch(column("d", UTF8, "2024-13-01"))) {
      QuiverException e = assertThrows(QuiverException.class, () -> eval(call(Functions.CAST, DATE, col(0, UTF8)), b));
      assertTrue(e.getMessage().contains("'2024-13-01'") && e.getMessage().contains("DATE"), e.getMessage());
    }
  }

  @Test
  void everyNumericPairRoundTrips() {
    List<ArrowType> types = List.of(TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE);
    for (ArrowType from : types) {
      for (ArrowType to : types) {
        Object v = cast(lit(Lanes.kind(from) == Lanes.Kind.DOUBLE ? (Object) 42.0 : (Object) 42L, from), to);
        assertEquals(Lanes.kind(to) == Lanes.Kind.DOUBLE ? (Object) 42.0 : (Object) 42L, v, from + " -> " + to);
        Object s = cast(lit(Lanes.kind(from) == Lanes.Kind.DOUBLE ? (Object) 42.0 : (Object) 42L, from), UTF8);
        assertEquals(Lanes.kind(from) == Lanes.Kind.DOUBLE ? "42.0" : "42", s);
      }
    }
  }

  @Test
  void nullsAndNullType() {
    assertNull(cast(lit(null, UTF8), INT));
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L))) {
      assertEquals(Arrays.asList((Object) null), eval(call(Functions.CAST, INT, lit(null, ArrowType.Null.INSTANCE)), b));
    }
  }

  @Test
  void binaryAndText() {
    assertEquals("hé", cast(lit(new byte[] {'h', (byte) 0xC3, (byte) 0xA9}, BINARY), UTF8));
    assertTrue(Arrays.equals(new byte[] {'a', 'b'}, (byte[]) cast(lit("ab"), BINARY)));
  }

  @Test
  void unsupportedCastIsACompileError() {
    ArrowType list = new ArrowType.List();
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L))) {
      assertThrows(QuiverException.class, () -> eval(call(Functions.CAST, list, col(0, BIGINT)), b));
    }
  }
}
