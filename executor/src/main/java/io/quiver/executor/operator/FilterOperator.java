package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.expr.CompiledExpr;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.ExprCompiler;
import io.quiver.executor.expr.eval.Selection;
import io.quiver.executor.vector.Batches;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Keeps the rows where the condition is TRUE. A batch where every row passes goes through untouched
 * (no copy); batches where none pass, and empty batches, are dropped.
 */
public final class FilterOperator implements BatchStream {
  private final BatchStream input;
  private final CompiledExpr condition;
  private final ExecContext ctx;
  private int[] rows = new int[0];

  public FilterOperator(BatchStream input, Expr condition, ExecContext ctx, long partitionSeed) {
    this.input = input;
    this.condition = ExprCompiler.compile(condition, ctx, partitionSeed);
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    VectorSchemaRoot batch;
    while ((batch = input.next()) != null) {
      ctx.checkCancelled();
      int n = batch.getRowCount();
      if (n == 0) {
        batch.close();
        continue;
      }
      int count;
      try (FieldVector keep = condition.evaluate(batch)) {
        if (rows.length < n) {
          rows = new int[n];
        }
        count = Selection.trueRows(keep, n, rows);
      } catch (RuntimeException e) {
        batch.close();
        throw e;
      }
      if (count == n) {
        return batch;
      }
      if (count == 0) {
        batch.close();
        continue;
      }
      try {
        return Batches.take(batch, rows, count, ctx.allocator());
      } finally {
        batch.close();
      }
    }
    return null;
  }

  /** A batch out per batch in (some maybe empty): the input's estimate. */
  @Override
  public long batchesAhead() {
    return input.batchesAhead();
  }

  @Override
  public void close() {
    input.close();
  }
}
