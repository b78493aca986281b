package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Functions;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ArithmeticKernelsTest extends ExprTestSupport {

  @Test
  void integerArithmeticWithNulls() {
    try (VectorSchemaRoot b = batch(column("a", INT, 7, -7, null, 5), column("b", INT, 2, 2, 3, null))) {
      assertEquals(Arrays.asList(9L, -5L, null, null), eval(call(Functions.ADD, INT, col(0, INT), col(1, INT)), b));
      assertEquals(Arrays.asList(5L, -9L, null, null), eval(call(Functions.SUBTRACT, INT, col(0, INT), col(1, INT)), b));
      assertEquals(Arrays.asList(14L, -14L, null, null), eval(call(Functions.MULTIPLY, INT, col(0, INT), col(1, INT)), b));
      // Integer division truncates toward zero; modulo takes the dividend's sign (as in SQL).
      assertEquals(Arrays.asList(3L, -3L, null, null), eval(call(Functions.DIVIDE, INT, col(0, INT), col(1, INT)), b));
      assertEquals(Arrays.asList(1L, -1L, null, null), eval(call(Functions.MOD, INT, col(0, INT), col(1, INT)), b));
      assertEquals(Arrays.asList(-7L, 7L, null, -5L), eval(call(Functions.NEGATE, INT, col(0, INT)), b));
    }
  }

  @Test
  void everyIntegerWidthAndConstants() {
    for (var type : List.of(TINYINT, SMALLINT, INT, BIGINT)) {
      try (VectorSchemaRoot b = batch(column("a", type, 1, 2, null))) {
        assertEquals(Arrays.asList(11L, 12L, null),
            eval(call(Functions.ADD, type, col(0, type), lit(10L, type)), b), type.toString());
        assertEquals(Arrays.asList(9L, 8L, null),
            eval(call(Functions.SUBTRACT, type, lit(10L, type), col(0, type)), b), type.toString());
      }
    }
  }

  @Test
  void overflowWrapsLikeJava() {
    try (VectorSchemaRoot b = batch(column("a", BIGINT, Long.MAX_VALUE), column("i", INT, Integer.MAX_VALUE))) {
      assertEquals(List.of(Long.MIN_VALUE), eval(call(Functions.ADD, BIGINT, col(0, BIGINT), lit(1L)), b));
      assertEquals(List.of((long) Integer.MIN_VALUE), eval(call(Functions.ADD, INT, col(1, INT), lit(1L, INT)), b));
    }
  }

  @Test
  void floatingPoint() {
    try (VectorSchemaRoot b = batch(column("x", DOUBLE, 1.5, -7.5, null), column("y", DOUBLE, 0.5, 2.0, 1.0))) {
      assertEquals(Arrays.asList(2.0, -5.5, null), eval(call(Functions.ADD, DOUBLE, col(0, DOUBLE), col(1, DOUBLE)), b));
      assertEquals(Arrays.asList(3.0, -3.75, null), eval(call(Functions.DIVIDE, DOUBLE, col(0, DOUBLE), col(1, DOUBLE)), b));
      assertEquals(Arrays.asList(0.0, -1.5, null), eval(call(Functions.MOD, DOUBLE, col(0, DOUBLE), col(1, DOUBLE)), b));
      assertEquals(Arrays.asList(-1.5, 7.5, null), eval(call(Functions.NEGATE, DOUBLE, col(0, DOUBLE)), b));
    }
    try (VectorSchemaRoot b = batch(column("x", FLOAT, 1.5f, 2.25f))) {
      assertEquals(Arrays.asList(3.0, 4.5), eval(call(Functions.MULTIPLY, FLOAT, col(0, FLOAT), lit(2.0, FLOAT)), b));
    }
  }

  @Test
  void divisionByZeroNamesTheExpression() {
    try (VectorSchemaRoot b = batch(column("price", INT, 10, 20), column("qty", INT, 2, 0))) {
      QuiverException e = assertThrows(QuiverException.class,
          () -> eval(call(Functions.DIVIDE, INT, col(0, INT), col(1, INT)), b));
      assertTrue(e.getMessage().contains("Division by zero"), e.getMessage());
      assertTrue(e.getMessage().contains("divide(price, qty)"), e.getMessage());
      assertThrows(QuiverException.class, () -> eval(call(Functions.MOD, INT, col(0, INT), col(1, INT)), b));
    }
    try (VectorSchemaRoot b = batch(column("x", DOUBLE, 1.0), column("y", DOUBLE, 0.0))) {
      assertThrows(QuiverException.class, () -> eval(call(Functions.DIVIDE, DOUBLE, col(0, DOUBLE), col(1, DOUBLE)), b));
    }
  }

  @Test
  void zeroDivisorOnNullRowIsFine() {
    try (VectorSchemaRoot b = batch(column("a", BIGINT, null, 6L), column("b", BIGINT, 0L, 3L))) {
      assertEquals(Arrays.asList(null, 2L), eval(call(Functions.DIVIDE, BIGINT, col(0, BIGINT), col(1, BIGINT)), b));
    }
  }

  @Test
  void nullConstantGivesNull() {
    try (VectorSchemaRoot b = batch(column("a", BIGINT, 1L, 2L))) {
      assertEquals(Arrays.asList(null, null), eval(call(Functions.ADD, BIGINT, col(0, BIGINT), lit(null, BIGINT)), b));
    }
  }

  @Test
  void constantsFold() {
    assertEquals(7L, fn(Functions.ADD, BIGINT, lit(3L), lit(4L)));
    assertEquals(-2L, fn(Functions.DIVIDE, BIGINT, lit(-5L), lit(2L)));
  }

  @Test
  void emptyBatch() {
    try (VectorSchemaRoot b = batch(column("a", BIGINT))) {
      assertEquals(List.of(), eval(call(Functions.ADD, BIGINT, col(0, BIGINT), lit(1L)), b));
    }
  }
}
