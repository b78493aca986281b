package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ConditionalKernelsTest extends ExprTestSupport {

  @Test
  void caseTakesFirstTrueBranchNullConditionsFallThrough() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 5L, 10L, null))) {
      Expr x = col(0, BIGINT);
      var expr = call(Functions.CASE, UTF8,
          call(Functions.LT, BOOL, x, lit(3L)), lit("small"),
          call(Functions.LT, BOOL, x, lit(8L)), lit("medium"),
          lit("large"));
      assertEquals(List.of("small", "medium", "large", "large"), eval(expr, b));
    }
  }

  @Test
  void caseWithoutMatchingBranchAndNullElse() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 5L))) {
      var expr = call(Functions.CASE, BIGINT, call(Functions.EQ, BOOL, col(0, BIGINT), lit(1L)),
          call(Functions.MULTIPLY, BIGINT, col(0, BIGINT), lit(100L)), lit(null, BIGINT));
      assertEquals(Arrays.asList(100L, null), eval(expr, b));
    }
  }

  @Test
  void caseIsLazyDivisionByZeroInUntakenBranch() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 0L, 2L, 0L, 4L))) {
      Expr x = col(0, BIGINT);
      var expr = call(Functions.CASE, BIGINT, call(Functions.EQ, BOOL, x, lit(0L)), lit(-1L),
          call(Functions.DIVIDE, BIGINT, lit(100L), x));
      assertEquals(List.of(-1L, 50L, -1L, 25L), eval(expr, b));
      // Constant 1/0 in a branch that is never taken is not an error either.
      var constant = call(Functions.CASE, BIGINT, call(Functions.GE, BOOL, x, lit(0L)), x,
          call(Functions.DIVIDE, BIGINT, lit(1L), lit(0L)));
      assertEquals(List.of(0L, 2L, 0L, 4L), eval(constant, b));
      // ...but it is when a row takes the branch.
      var taken = call(Functions.CASE, BIGINT, call(Functions.GT, BOOL, x, lit(0L)), x,
          call(Functions.DIVIDE, BIGINT, lit(1L), x));
      assertThrows(QuiverException.class, () -> eval(taken, b));
    }
  }

  @Test
  void laterConditionsAreLazyToo() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 0L, 20L, 1L))) {
      Expr x = col(0, BIGINT);
      var expr = call(Functions.CASE, UTF8, call(Functions.EQ, BOOL, x, lit(0L)), lit("zero"),
          call(Functions.GT, BOOL, call(Functions.DIVIDE, BIGINT, lit(10L), x), lit(5L)), lit("big"),
          lit("other"));
      assertEquals(List.of("zero", "other", "big"), eval(expr, b));
    }
  }

  @Test
  void caseOverManyRowsWithFixedAndVariableWidthResults() {
    int n = 300;
    Object[] xs = new Object[n];
    for (int i = 0; i < n; i++) {
      xs[i] = i % 11 == 0 ? null : (long) i;
    }
    try (VectorSchemaRoot b = batch(column("x", BIGINT, xs))) {
      Expr x = col(0, BIGINT);
      var mod3 = call(Functions.MOD, BIGINT, x, lit(3L));
      var num = call(Functions.CASE, DOUBLE, call(Functions.EQ, BOOL, mod3, lit(0L)), lit(0.5),
          call(Functions.EQ, BOOL, mod3, lit(1L)), call(Functions.CAST, DOUBLE, x), lit(null, DOUBLE));
      var str = call(Functions.CASE, UTF8, call(Functions.EQ, BOOL, mod3, lit(0L)), lit("three"),
          call(Functions.CAST, UTF8, x));
      List<Object> nums = eval(num, b);
      List<Object> strs = eval(str, b);
      for (int i = 0; i < n; i++) {
        Object expectedNum = null;
        if (xs[i] != null && i % 3 == 0) {
          expectedNum = 0.5;
        } else if (xs[i] != null && i % 3 == 1) {
          expectedNum = (double) i;
        }
        Object expectedStr = xs[i] == null ? null : i % 3 == 0 ? "three" : Integer.toString(i);
        assertEquals(expectedNum, nums.get(i), "row " + i);
        assertEquals(expectedStr, strs.get(i), "row " + i);
      }
    }
  }

  @Test
  void coalesceTakesFirstNonNullLazily() {
    try (VectorSchemaRoot b = batch(column("a", BIGINT, 1L, null, null), column("b", BIGINT, 0L, 4L, null))) {
      assertEquals(Arrays.asList(1L, 4L, 9L),
          eval(call(Functions.COALESCE, BIGINT, col(0, BIGINT), col(1, BIGINT), lit(9L)), b));
      assertEquals(Arrays.asList(1L, 4L, null), eval(call(Functions.COALESCE, BIGINT, col(0, BIGINT), col(1, BIGINT)), b));
      // 100 / b is only computed where a is NULL; b = 0 on the first row does not matter.
      assertEquals(Arrays.asList(1L, 25L, null),
          eval(call(Functions.COALESCE, BIGINT, col(0, BIGINT), call(Functions.DIVIDE, BIGINT, lit(100L), col(1, BIGINT))), b));
    }
    try (VectorSchemaRoot b = batch(column("s", UTF8, null, "x"))) {
      assertEquals(List.of("-", "x"), eval(call(Functions.COALESCE, UTF8, lit(null, UTF8), col(0, UTF8), lit("-")), b));
    }
  }

  @Test
  void inWithFewAndManyConstants() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 2L, 3L, null))) {
      Expr x = col(0, BIGINT);
      assertEquals(Arrays.asList(true, false, true, null), eval(call(Functions.IN, BOOL, x, lit(1L), lit(3L)), b));
      // A NULL in the list turns FALSE into NULL.
      assertEquals(Arrays.asList(true, null, null, null),
          eval(call(Functions.IN, BOOL, x, lit(1L), lit(null, BIGINT)), b));
      List<Expr> many = new ArrayList<>();
      many.add(x);
      for (long v = 3; v < 100; v++) {
        many.add(lit(v));
      }
      assertEquals(Arrays.asList(false, false, true, null),
          eval(call(Functions.IN, BOOL, many.toArray(new Expr[0])), b));
    }
  }

  @Test
  void inOnStringsDoublesAndDates() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "a", "b", "é"), column("d", DOUBLE, 0.0, -0.0, Double.NaN),
        column("t", DATE, 1, 2, 3))) {
      List<Expr> strs = new ArrayList<>(List.of(col(0, UTF8)));
      for (int i = 0; i < 20; i++) {
        strs.add(lit("s" + i));
      }
      strs.add(lit("é"));
      assertEquals(List.of(false, false, true), eval(call(Functions.IN, BOOL, strs.toArray(new Expr[0])), b));
      assertEquals(List.of(true, false, false), eval(call(Functions.IN, BOOL, col(0, UTF8), lit("a")), b));
      assertEquals(List.of(true, true, true),
          eval(call(Functions.IN, BOOL, col(1, DOUBLE), lit(0.0), lit(Double.NaN)), b));
      assertEquals(List.of(false, true, false), eval(call(Functions.IN, BOOL, col(2, DATE), lit(2, DATE)), b));
    }
  }

  @Test
  void inWithNonConstantList() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 2L, null), column("y", BIGINT, 1L, null, 5L))) {
      assertEquals(Arrays.asList(true, null, null), eval(call(Functions.IN, BOOL, col(0, BIGINT), col(1, BIGINT), lit(7L)), b));
    }
  }
}
