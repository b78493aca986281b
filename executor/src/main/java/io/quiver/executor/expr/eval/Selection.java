package io.quiver.executor.expr.eval;

import org.apache.arrow.vector.FieldVector;

/** Turning a Bool column into the row numbers where it is TRUE (not FALSE, not NULL). */
public final class Selection {
  private Selection() {}

  /**
   * Writes the rows {@code [0, n)} where {@code condition} is TRUE into {@code out} (which must hold
   * {@code n} ints) and returns how many there are.
   */
  public static int trueRows(FieldVector condition, int n, int[] out) {
    org.apache.arrow.memory.ArrowBuf valid = Bits.validity(condition);
    if (valid == null) {
      return 0;
    }
    return Bits.selected(condition.getDataBuffer(), valid, n, out);
  }
}
