package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quiver.executor.expr.Functions;
import java.util.Arrays;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class MathKernelsTest extends ExprTestSupport {
  private static final double EPS = 1e-12;

  private double d(String f, double... args) {
    io.quiver.executor.expr.Literal[] lits = new io.quiver.executor.expr.Literal[args.length];
    for (int i = 0; i < args.length; i++) {
      lits[i] = lit(args[i]);
    }
    return (Double) fn(f, DOUBLE, lits);
  }

  @Test
  void typePreservingFunctions() {
    assertEquals(5L, fn(Functions.ABS, INT, lit(-5L, INT)));
    assertEquals(2.5, d(Functions.ABS, -2.5));
    assertEquals(-1L, fn(Functions.SIGN, BIGINT, lit(-9L)));
    assertEquals(0L, fn(Functions.SIGN, BIGINT, lit(0L)));
    assertEquals(1.0, d(Functions.SIGN, 3.2));
    assertEquals(-3.0, d(Functions.FLOOR, -2.5));
    assertEquals(-2.0, d(Functions.CEIL, -2.5));
    assertEquals(7L, fn(Functions.FLOOR, BIGINT, lit(7L)));
    assertEquals(3.0, d(Functions.ROUND, 2.5));
    assertEquals(-3.0, d(Functions.ROUND, -2.5));
    assertEquals(2.0, d(Functions.ROUND, 2.4999999));
    assertEquals(-2.0, d(Functions.TRUNCATE, -2.9));
  }

  @Test
  void roundingToDigits() {
    assertEquals(2.68, d(Functions.ROUND, 2.675, 2), EPS);
    assertEquals(-2.68, d(Functions.ROUND, -2.675, 2), EPS);
    assertEquals(1.23, d(Functions.ROUND, 1.2345, 2), EPS);
    assertEquals(1200.0, d(Functions.ROUND, 1234.5, -2), EPS);
    assertEquals(0.29, d(Functions.TRUNCATE, 0.29, 2), EPS);
    assertEquals(1.23, d(Functions.TRUNCATE, 1.2399, 2), EPS);
    assertEquals(1250L, fn(Functions.ROUND, BIGINT, lit(1245L), lit(-1L)));
    assertEquals(-1250L, fn(Functions.ROUND, BIGINT, lit(-1245L), lit(-1L)));
    assertEquals(1240L, fn(Functions.TRUNCATE, BIGINT, lit(1249L), lit(-1L)));
    assertEquals(1249L, fn(Functions.ROUND, BIGINT, lit(1249L), lit(2L)));
  }

  @Test
  void transcendental() {
    assertEquals(3.0, d(Functions.SQRT, 9), EPS);
    assertEquals(3.0, d(Functions.CBRT, 27), EPS);
    assertEquals(1024.0, d(Functions.POWER, 2, 10), EPS);
    assertEquals(Math.E, d(Functions.EXP, 1), EPS);
    assertEquals(1.0, d(Functions.LN, Math.E), EPS);
    assertEquals(3.0, d(Functions.LOG10, 1000), EPS);
    assertEquals(10.0, d(Functions.LOG2, 1024), EPS);
    assertEquals(0.0, d(Functions.SIN, 0), EPS);
    assertEquals(1.0, d(Functions.COS, 0), EPS);
    assertEquals(1.0, d(Functions.TAN, Math.PI / 4), EPS);
    assertEquals(Math.PI / 2, d(Functions.ASIN, 1), EPS);
    assertEquals(0.0, d(Functions.ACOS, 1), EPS);
    assertEquals(Math.PI / 4, d(Functions.ATAN, 1), EPS);
    assertEquals(Math.PI / 4, d(Functions.ATAN2, 1, 1), EPS);
    assertEquals(Math.PI, (Double) fn(Functions.PI, DOUBLE), EPS);
    assertEquals(Double.NaN, d(Functions.SQRT, -1));
    assertNull(fn(Functions.SQRT, DOUBLE, lit(null, DOUBLE)));
  }

  @Test
  void greatestAndLeastSkipNulls() {
    try (VectorSchemaRoot b = batch(column("a", BIGINT, 1L, null, 5L, null), column("b", BIGINT, 3L, 2L, 4L, null))) {
      assertEquals(Arrays.asList(3L, 2L, 5L, null),
          eval(call(Functions.GREATEST, BIGINT, col(0, BIGINT), col(1, BIGINT)), b));
      assertEquals(Arrays.asList(1L, 2L, 4L, null),
          eval(call(Functions.LEAST, BIGINT, col(0, BIGINT), col(1, BIGINT)), b));
      assertEquals(Arrays.asList(0L, 0L, 0L, 0L),
          eval(call(Functions.LEAST, BIGINT, col(0, BIGINT), col(1, BIGINT), lit(0L)), b));
    }
    assertEquals(2.5, fn(Functions.GREATEST, DOUBLE, lit(1.0), lit(2.5), lit(-3.0)));
    assertEquals("pear", fn(Functions.GREATEST, UTF8, lit("apple"), lit("pear"), lit(null, UTF8)));
    assertEquals("apple", fn(Functions.LEAST, UTF8, lit("apple"), lit("pear")));
  }
}
