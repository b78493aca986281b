package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.executor.expr.Functions;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class LogicKernelsTest extends ExprTestSupport {
  // All nine combinations of TRUE, FALSE, NULL.
  private static final Object[] A = {true, true, true, false, false, false, null, null, null};
  private static final Object[] B = {true, false, null, true, false, null, true, false, null};

  @Test
  void andOrTruthTables() {
    try (VectorSchemaRoot b = batch(column("a", BOOL, A), column("b", BOOL, B))) {
      assertEquals(Arrays.asList(true, false, null, false, false, false, null, false, null),
          eval(call(Functions.AND, BOOL, col(0, BOOL), col(1, BOOL)), b));
      assertEquals(Arrays.asList(true, true, true, true, false, null, true, null, null),
          eval(call(Functions.OR, BOOL, col(0, BOOL), col(1, BOOL)), b));
    }
  }

  @Test
  void threeArgumentAndOr() {
    try (VectorSchemaRoot b = batch(column("a", BOOL, true, true, null), column("b", BOOL, true, null, false),
        column("c", BOOL, true, true, true))) {
      assertEquals(Arrays.asList(true, null, false),
          eval(call(Functions.AND, BOOL, col(0, BOOL), col(1, BOOL), col(2, BOOL)), b));
      assertEquals(Arrays.asList(true, true, true),
          eval(call(Functions.OR, BOOL, col(0, BOOL), col(1, BOOL), col(2, BOOL)), b));
    }
  }

  @Test
  void notAndTests() {
    try (VectorSchemaRoot b = batch(column("a", BOOL, true, false, null))) {
      assertEquals(Arrays.asList(false, true, null), eval(call(Functions.NOT, BOOL, col(0, BOOL)), b));
      assertEquals(List.of(false, false, true), eval(call(Functions.IS_NULL, BOOL, col(0, BOOL)), b));
      assertEquals(List.of(true, true, false), eval(call(Functions.IS_NOT_NULL, BOOL, col(0, BOOL)), b));
      assertEquals(List.of(true, false, false), eval(call(Functions.IS_TRUE, BOOL, col(0, BOOL)), b));
      assertEquals(List.of(false, true, false), eval(call(Functions.IS_FALSE, BOOL, col(0, BOOL)), b));
      assertEquals(List.of(false, true, true), eval(call(Functions.IS_NOT_TRUE, BOOL, col(0, BOOL)), b));
      assertEquals(List.of(true, false, true), eval(call(Functions.IS_NOT_FALSE, BOOL, col(0, BOOL)), b));
    }
  }

  @Test
  void isNullOnAnyType() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "a", null), column("d", DOUBLE, null, 1.0))) {
      assertEquals(List.of(false, true), eval(call(Functions.IS_NULL, BOOL, col(0, UTF8)), b));
      assertEquals(List.of(false, true), eval(call(Functions.IS_NOT_NULL, BOOL, col(1, DOUBLE)), b));
      assertEquals(List.of(true, true), eval(call(Functions.IS_NULL, BOOL, lit(null, UTF8)), b));
    }
  }

  @Test
  void andIsLazySoGuardedDivisionCannotFail() {
    // x <> 0 AND 10 / x > 1: the division never sees the zero.
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 0L, 5L, 20L, null))) {
      var guard = call(Functions.NE, BOOL, col(0, BIGINT), lit(0L));
      var test = call(Functions.GT, BOOL, call(Functions.DIVIDE, BIGINT, lit(10L), col(0, BIGINT)), lit(1L));
      assertEquals(Arrays.asList(false, true, false, null), eval(call(Functions.AND, BOOL, guard, test), b));
      // x = 0 OR 10 / x > 1
      var isZero = call(Functions.EQ, BOOL, col(0, BIGINT), lit(0L));
      assertEquals(Arrays.asList(true, true, false, null), eval(call(Functions.OR, BOOL, isZero, test), b));
    }
  }

  @Test
  void wideBatch() {
    int n = 777;
    Object[] a = new Object[n];
    Object[] c = new Object[n];
    for (int i = 0; i < n; i++) {
      a[i] = i % 3 == 0 ? null : i % 3 == 1;
      c[i] = i % 5 == 0 ? null : i % 2 == 0;
    }
    try (VectorSchemaRoot b = batch(column("a", BOOL, a), column("c", BOOL, c))) {
      List<Object> and = eval(call(Functions.AND, BOOL, col(0, BOOL), col(1, BOOL)), b);
      List<Object> or = eval(call(Functions.OR, BOOL, col(0, BOOL), col(1, BOOL)), b);
      for (int i = 0; i < n; i++) {
        assertEquals(and3((Boolean) a[i], (Boolean) c[i]), and.get(i), "and row " + i);
        assertEquals(or3((Boolean) a[i], (Boolean) c[i]), or.get(i), "or row " + i);
      }
    }
  }

  private static Boolean and3(Boolean x, Boolean y) {
    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
      return false;
    }
    return x == null || y == null ? null : true;
  }

  private static Boolean or3(Boolean x, Boolean y) {
    if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
      return true;
    }
    return x == null || y == null ? null : false;
  }
}
