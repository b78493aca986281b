package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.executor.expr.Functions;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

class ComparisonKernelsTest extends ExprTestSupport {
  private static final List<String> OPS = List.of(Functions.EQ, Functions.NE, Functions.LT, Functions.LE,
      Functions.GT, Functions.GE);

  /** Expected results of the six operators for a < b, a == b, a > b, and with a NULL. */
  private void checkAllOps(ArrowType type, Object small, Object big) {
    try (VectorSchemaRoot b = batch(column("a", type, small, small, big, null),
        column("b", type, big, small, small, small))) {
      List<List<Object>> expected = List.of(
          Arrays.asList(false, true, false, null),
          Arrays.asList(true, false, true, null),
          Arrays.asList(true, false, false, null),
          Arrays.asList(true, true, false, null),
          Arrays.asList(false, false, true, null),
          Arrays.asList(false, true, true, null));
      for (int k = 0; k < OPS.size(); k++) {
        assertEquals(expected.get(k), eval(call(OPS.get(k), BOOL, col(0, type), col(1, type)), b),
            OPS.get(k) + " on " + type);
        // Same with a constant right side.
        List<Object> withConst = eval(call(OPS.get(k), BOOL, col(0, type), lit(small, type)), b);
        assertEquals(expected.get(k).get(1), withConst.get(0), OPS.get(k) + " constant on " + type);
      }
    }
  }

  @Test
  void everyType() {
    checkAllOps(TINYINT, 1L, 2L);
    checkAllOps(SMALLINT, -300L, 300L);
    checkAllOps(INT, -5L, 7L);
    checkAllOps(BIGINT, Long.MIN_VALUE, Long.MAX_VALUE);
    checkAllOps(FLOAT, -0.5f, 0.25f);
    checkAllOps(DOUBLE, 1.5, 1e300);
    checkAllOps(BOOL, false, true);
    checkAllOps(DATE, 18000, 19000);
    checkAllOps(TIMESTAMP, -1L, 1_000_000L);
    checkAllOps(UTF8, "apple", "banana");
    checkAllOps(UTF8, "", "a");
    checkAllOps(UTF8, "ab", "abc");
    checkAllOps(BINARY, new byte[] {1, 2}, new byte[] {1, (byte) 0xFF});
  }

  @Test
  void stringsCompareByCodePoint() {
    // 'z' (U+007A) < 'é' (U+00E9) < '中' (U+4E2D) < '😀' (U+1F600), and U+FFFD < U+1F600 (UTF-16 gets this wrong).
    checkAllOps(UTF8, "z", "é");
    checkAllOps(UTF8, "é", "中");
    checkAllOps(UTF8, "\uFFFD", "😀");
  }

  @Test
  void nanEqualsNanAndSortsHighest() {
    try (VectorSchemaRoot b = batch(column("a", DOUBLE, Double.NaN, Double.NaN, 0.0),
        column("b", DOUBLE, Double.NaN, 1e308, -0.0))) {
      assertEquals(List.of(true, false, true), eval(call(Functions.EQ, BOOL, col(0, DOUBLE), col(1, DOUBLE)), b));
      assertEquals(List.of(false, true, false), eval(call(Functions.GT, BOOL, col(0, DOUBLE), col(1, DOUBLE)), b));
    }
  }

  @Test
  void distinctFromIsNullSafe() {
    try (VectorSchemaRoot b = batch(column("a", INT, 1, 1, null, null), column("b", INT, 1, 2, 1, null))) {
      assertEquals(List.of(false, true, true, false),
          eval(call(Functions.IS_DISTINCT_FROM, BOOL, col(0, INT), col(1, INT)), b));
      assertEquals(List.of(true, false, false, true),
          eval(call(Functions.IS_NOT_DISTINCT_FROM, BOOL, col(0, INT), col(1, INT)), b));
    }
    try (VectorSchemaRoot b = batch(column("s", UTF8, "x", null))) {
      assertEquals(List.of(false, true), eval(call(Functions.IS_DISTINCT_FROM, BOOL, col(0, UTF8), lit("x")), b));
    }
  }

  @Test
  void mixedIntegerWidths() {
    try (VectorSchemaRoot b = batch(column("a", INT, 5), column("b", BIGINT, 5L))) {
      assertEquals(List.of(true), eval(call(Functions.EQ, BOOL, col(0, INT), col(1, BIGINT)), b));
    }
  }

  @Test
  void dateAgainstTimestamp() {
    try (VectorSchemaRoot b = batch(column("d", DATE, 1, 2), column("t", TIMESTAMP, 86_400_000_000L, 86_400_000_001L))) {
      assertEquals(List.of(true, false), eval(call(Functions.EQ, BOOL, col(0, DATE), col(1, TIMESTAMP)), b));
      assertEquals(List.of(false, true), eval(call(Functions.GT, BOOL, col(0, DATE), col(1, TIMESTAMP)), b));
      assertEquals(List.of(false, true), eval(call(Functions.LT, BOOL, col(1, TIMESTAMP), col(0, DATE)), b));
    }
  }

  @Test
  void constantOnTheLeft() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "a", "m", "z"))) {
      assertEquals(List.of(false, false, true), eval(call(Functions.LT, BOOL, lit("m"), col(0, UTF8)), b));
      assertEquals(List.of(true, true, false), eval(call(Functions.GE, BOOL, lit("m"), col(0, UTF8)), b));
    }
  }

  @Test
  void nullConstant() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "x"))) {
      assertEquals(Arrays.asList((Object) null), eval(call(Functions.EQ, BOOL, col(0, UTF8), lit(null, UTF8)), b));
      assertEquals(Arrays.asList((Object) null),
          eval(call(Functions.EQ, BOOL, col(0, UTF8), lit(null, ArrowType.Null.INSTANCE)), b));
    }
  }

  @Test
  void manyRowsAcrossWordBoundaries() {
    int n = 1000;
    Object[] a = new Object[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 7 == 0 ? null : (long) i;
    }
    try (VectorSchemaRoot b = batch(column("a", BIGINT, a))) {
      List<Object> r = eval(call(Functions.LT, BOOL, col(0, BIGINT), lit(500L)), b);
      for (int i = 0; i < n; i++) {
        assertEquals(i % 7 == 0 ? null : i < 500, r.get(i), "row " + i);
      }
    }
  }
}
