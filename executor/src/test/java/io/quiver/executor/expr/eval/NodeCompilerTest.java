package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.ExprCompiler;
import io.quiver.executor.expr.Functions;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class NodeCompilerTest extends ExprTestSupport {

  @Test
  void everyDocumentedFunctionIsImplemented() {
    assertEquals(Functions.ALL, NodeCompiler.ARITY.keySet());
  }

  @Test
  void unknownFunctionAndWrongArityAreClearErrors() {
    QuiverException unknown = assertThrows(QuiverException.class,
        () -> ExprCompiler.compile(call("frobnicate", BIGINT, lit(1L)), ctx, 0));
    assertTrue(unknown.getMessage().contains("frobnicate"), unknown.getMessage());
    QuiverException arity = assertThrows(QuiverException.class,
        () -> ExprCompiler.compile(call(Functions.ADD, BIGINT, lit(1L)), ctx, 0));
    assertTrue(arity.getMessage().contains("takes 2 arguments"), arity.getMessage());
  }

  @Test
  void columnReferenceIsZeroCopyAndOwnedByCaller() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "a", "b"), column("x", BIGINT, 1L, 2L))) {
      try (FieldVector v = ExprCompiler.compile(col(0, UTF8), ctx, 0).evaluate(b);
          FieldVector w = ExprCompiler.compile(col(1, BIGINT), ctx, 0).evaluate(b)) {
        assertEquals(b.getVector(0).getDataBuffer().memoryAddress(), v.getDataBuffer().memoryAddress());
        assertEquals(b.getVector(1).getDataBuffer().memoryAddress(), w.getDataBuffer().memoryAddress());
      }
      // The input is intact after the results are closed.
      assertEquals("b", b.getVector(0).getObject(1).toString());
    }
  }

  @Test
  void constantExpressionsAreBroadcast() {
    try (VectorSchemaRoot b = batch(column("x", BIGINT, 1L, 2L, 3L))) {
      assertEquals(List.of(6L, 6L, 6L), eval(call(Functions.MULTIPLY, BIGINT, lit(2L), lit(3L)), b));
      assertEquals(List.of("x", "x", "x"), eval(lit("x"), b));
    }
  }
}
