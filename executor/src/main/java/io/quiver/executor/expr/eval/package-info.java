/**
 * Vectorized evaluation of {@link io.quiver.executor.expr.Expr} trees over Arrow batches.
 *
 * <p>{@link io.quiver.executor.expr.eval.NodeCompiler} turns an expression into a tree of {@link
 * io.quiver.executor.expr.eval.Node}s, one per call, each evaluating a whole column at a time. Numeric
 * kernels read Arrow data buffers into primitive "lanes" ({@code long[]}/{@code double[]}, see {@link
 * io.quiver.executor.expr.eval.Lanes}) and run tight, type-specialized loops; validity is combined
 * 64 rows at a time ({@link io.quiver.executor.expr.eval.Bits}). String kernels work on the UTF-8
 * bytes in place where that is easy (comparisons, LIKE with only {@code %}), else per row on Strings.
 *
 * <p>Compiled nodes keep scratch arrays between batches, so one compiled expression must not be used
 * by two threads at once; every pipeline copy compiles its own.
 */
package io.quiver.executor.expr.eval;
