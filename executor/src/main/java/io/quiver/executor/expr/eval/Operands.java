package io.quiver.executor.expr.eval;

import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * The arguments of a numeric kernel as lanes, without broadcasting constants: a constant child is
 * not evaluated (its slot in {@link #vectors} stays null) and its lane is just filled with the value.
 */
final class Operands implements AutoCloseable {
  final FieldVector[] vectors;
  private final Node[] children;
  private final boolean nullConstant;

  Operands(Node[] children, Input in) {
    this.children = children;
    this.vectors = RowArgs.evalVariables(children, in);
    boolean nc = false;
    for (int i = 0; i < children.length; i++) {
      nc |= vectors[i] == null && ((LiteralNode) children[i]).value() == null;
    }
    this.nullConstant = nc;
  }

  long[] longs(int k, int n, long[] scratch) {
    if (vectors[k] != null) {
      return Lanes.longs(vectors[k], n, scratch);
    }
    long[] out = Lanes.longArray(scratch, n);
    Object v = ((LiteralNode) children[k]).value();
    Arrays.fill(out, 0, n, v == null ? 0 : Vectors.toLong(v));
    return out;
  }

  double[] doubles(int k, int n, double[] scratch) {
    if (vectors[k] != null) {
      return Lanes.doubles(vectors[k], n, scratch);
    }
    double[] out = Lanes.doubleArray(scratch, n);
    Object v = ((LiteralNode) children[k]).value();
    Arrays.fill(out, 0, n, v == null ? 0 : ((Number) v).doubleValue());
    return out;
  }

  /** Sets {@code out}'s validity: NULL where any argument is NULL. */
  void andValidity(FieldVector out, int n) {
    if (nullConstant) {
      return; // freshly allocated vectors are all NULL
    }
    int count = 0;
    for (FieldVector v : vectors) {
      count += v == null ? 0 : 1;
    }
    FieldVector[] present = new FieldVector[count];
    int j = 0;
    for (FieldVector v : vectors) {
      if (v != null) {
        present[j++] = v;
      }
    }
    Bits.andValidity(out, n, present);
  }

  @Override
  public void close() {
    Node.closeAll(vectors);
  }
}
