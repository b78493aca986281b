package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.expr.CompiledExpr;
import io.quiver.executor.expr.ExprCompiler;
import io.quiver.executor.expr.Functions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class RandomAndHashTest extends ExprTestSupport {

  /** Three batches of random() from one compiled expression. */
  private List<Double> draws(ExecContext c, long partition, VectorSchemaRoot b) {
    CompiledExpr e = ExprCompiler.compile(call(Functions.RANDOM, DOUBLE), c, partition);
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      try (FieldVector v = e.evaluate(b)) {
        for (int i = 0; i < b.getRowCount(); i++) {
          out.add((Double) Vectors.get(v, i));
        }
      }
    }
    return out;
  }

  @Test
  void randomIsReproducibleUnderASeed() {
    Object[] rows = new Object[500];
    java.util.Arrays.fill(rows, 1L);
    try (VectorSchemaRoot b = batch(column("x", BIGINT, rows))) {
      ExecContext seeded = context(settings("seed", "42"));
      List<Double> first = draws(seeded, 0, b);
      assertEquals(first, draws(seeded, 0, b));
      assertEquals(first, draws(context(settings("seed", "42")), 0, b));
      assertNotEquals(first, draws(seeded, 1, b), "partitions differ");
      assertNotEquals(first, draws(context(settings("seed", "43")), 0, b), "seeds differ");
      assertNotEquals(first.subList(0, 500), first.subList(500, 1000), "batches differ");
      for (double d : first) {
        assertTrue(d >= 0 && d < 1, "in [0, 1): " + d);
      }
      assertTrue(new HashSet<>(first).size() > 1400, "values differ per row");
      double mean = first.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertTrue(Math.abs(mean - 0.5) < 0.05, "mean " + mean);
      assertNotEquals(draws(ctx, 0, b), draws(ctx, 0, b), "unseeded runs differ");
    }
  }

  @Test
  void twoRandomCallsInOneExpressionDiffer() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 2L, 3L))) {
      ctx = context(settings("seed", "7"));
      List<Object> r = eval(call(Functions.SUBTRACT, DOUBLE, call(Functions.RANDOM, DOUBLE),
          call(Functions.RANDOM, DOUBLE)), b);
      assertNotEquals(0.0, r.get(0));
    }
  }

  @Test
  void hashIsDeterministicAndNeverNull() {
    try (VectorSchemaRoot b = batch(column("i", INT, 1, 2, 1, null), column("s", UTF8, "a", "a", "a", null),
        column("l", BIGINT, 1L, 2L, 1L, null))) {
      List<Object> h = eval(call(Functions.HASH, BIGINT, col(0, INT), col(1, UTF8)), b);
      assertEquals(h.get(0), h.get(2));
      assertNotEquals(h.get(0), h.get(1));
      assertNotNull(h.get(3));
      assertEquals(h, eval(call(Functions.HASH, BIGINT, col(0, INT), col(1, UTF8)), b));
      // Integer widths hash alike by value.
      assertEquals(eval(call(Functions.HASH, BIGINT, col(0, INT)), b), eval(call(Functions.HASH, BIGINT, col(2, BIGINT)), b));
      // Argument order matters.
      assertNotEquals(h, eval(call(Functions.HASH, BIGINT, col(1, UTF8), col(0, INT)), b));
    }
    assertEquals(fn(Functions.HASH, BIGINT, lit(0.0)), fn(Functions.HASH, BIGINT, lit(-0.0)));
    Object long1 = fn(Functions.HASH, BIGINT, lit("a string longer than eight bytes"));
    assertEquals(long1, fn(Functions.HASH, BIGINT, lit("a string longer than eight bytes")));
    assertNotEquals(long1, fn(Functions.HASH, BIGINT, lit("a string longer than eight bytez")));
  }

  @Test
  void bytesHashAgreesBetweenBufferAndArray() {
    for (String s : List.of("", "a", "abcdefgh", "abcdefghi", "héllo wörld, ünïcode")) {
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (org.apache.arrow.memory.ArrowBuf buf = allocator.buffer(Math.max(1, bytes.length + 3))) {
        buf.setBytes(3, bytes);
        assertEquals(Hashing.bytes(bytes), Hashing.bytes(buf, 3, 3 + bytes.length), s);
      }
    }
  }
}
