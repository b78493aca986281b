package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.ColumnRef;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/** A column of the input, returned zero-copy as a slice that shares the input's buffers. */
final class ColumnNode extends Node {
  private final int index;

  ColumnNode(ColumnRef ref) {
    super(ref, ref.type(), new Node[0], false);
    this.index = ref.index();
  }

  @Override
  public FieldVector eval(Input in) {
    FieldVector col = in.column(index);
    TransferPair tp = col.getTransferPair(in.allocator());
    // A split at offset 0 slices (and reference-counts) the buffers instead of copying them.
    tp.splitAndTransfer(0, in.rowCount());
    return (FieldVector) tp.getTo();
  }
}
