package io.quiver.executor.expr;

import io.quiver.executor.ExecContext;
import io.quiver.executor.expr.eval.Input;
import io.quiver.executor.expr.eval.Node;
import io.quiver.executor.expr.eval.NodeCompiler;

/**
 * Turns an {@link Expr} into a vectorized {@link CompiledExpr} (see the {@code eval} package). A
 * compiled expression keeps scratch state between batches: use it from one thread at a time.
 */
public final class ExprCompiler {
  private ExprCompiler() {}

  /**
   * @param partitionSeed distinguishes parallel copies of one operator (the split ordinal), so that
   *     RANDOM() under a session seed is reproducible and still differs between partitions
   * @throws io.quiver.executor.QuiverException for unknown functions, wrong arities, unsupported
   *     casts and invalid constant patterns
   */
  public static CompiledExpr compile(Expr expr, ExecContext ctx, long partitionSeed) {
    Node root = NodeCompiler.compile(expr, ctx, partitionSeed);
    return batch -> root.eval(Input.of(batch, ctx.allocator()));
  }
}
