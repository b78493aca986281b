package io.quiver.executor.vector;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compare.TypeEqualsVisitor;
import org.apache.arrow.vector.util.VectorSchemaRootAppender;

/**
 * Appends batches to one growing batch (sort and hash-join build inputs). Arrow's appender copies whole
 * buffers but insists that field types match exactly, nullability included, which batches of one stream
 * do not always honour (e.g. files declaring a column required and others optional); such batches are
 * appended value by value instead.
 */
public final class BatchConcat {
  private BatchConcat() {}

  /** Appends the rows of {@code batch} (left untouched) to {@code target}, which must have been allocated. */
  public static void append(VectorSchemaRoot target, VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    if (sameTypes(target, batch)) {
      VectorSchemaRootAppender.append(false, target, batch);
      return;
    }
    int base = target.getRowCount();
    for (int c = 0; c < target.getFieldVectors().size(); c++) {
      FieldVector dst = target.getVector(c);
      FieldVector src = batch.getVector(c);
      for (int i = 0; i < n; i++) {
        VectorGather.copy(src, i, dst, base + i); // copies NULLs as NULLs
      }
      dst.setValueCount(base + n);
    }
    target.setRowCount(base + n);
  }

  private static boolean sameTypes(VectorSchemaRoot target, VectorSchemaRoot batch) {
    for (int c = 0; c < target.getFieldVectors().size(); c++) {
      if (!new TypeEqualsVisitor(target.getVector(c), false, true).equals(batch.getVector(c))) {
        return false;
      }
    }
    return true;
  }
}
