package io.quiver.executor.expr.eval;

import org.apache.arrow.vector.FieldVector;

/**
 * Evaluates a sub-expression on only some rows, as CASE, COALESCE, AND and OR require: a branch that
 * is not taken must not fail (e.g. divide by zero). A node that cannot fail and is cheap relative to
 * the share of rows needed is simply evaluated on all rows; otherwise the needed columns of the
 * selected rows are copied into a smaller input.
 */
final class Lazy {
  private Lazy() {}

  /**
   * The value of {@code node} on rows {@code rows[0..count)} (ascending). If {@link #aligned} the
   * vector has one value per input row; else value {@code k} belongs to row {@code rows[k]}.
   */
  record Partial(FieldVector vector, boolean aligned) implements AutoCloseable {
    int index(int k, int row) {
      return aligned ? row : k;
    }

    @Override
    public void close() {
      vector.close();
    }
  }

  static Partial evalOn(Node node, Input in, int[] rows, int count) {
    int n = in.rowCount();
    if (count == n || node.isLeaf() || (!node.canFail() && count * 4L >= n)) {
      return new Partial(node.eval(in), true);
    }
    try (Input sub = in.subset(rows, count, node.columnsUsed())) {
      return new Partial(node.eval(sub), false);
    }
  }
}
