/** Scalar expressions over the columns of a batch, and their vectorized evaluation. */
package io.quiver.executor.expr;
