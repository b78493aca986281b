package io.quiver.executor.expr;

import io.quiver.executor.ExecContext;

/** Turns an {@link Expr} into a vectorized {@link CompiledExpr}. */
public final class ExprCompiler {
  private ExprCompiler() {}

  /**
   * @param partitionSeed distinguishes parallel copies of one operator (the split ordinal), so that
   *     RANDOM() under a session seed is reproducible and still differs between partitions
   */
  public static CompiledExpr compile(Expr expr, ExecContext ctx, long partitionSeed) {
    throw new UnsupportedOperationException("expression kernels not built yet");
  }
}
