package io.quiver.executor.vector;

import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
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

  /**
   * Appends {@code batches} (closing each once copied, all of them also when this throws) to an empty
   * {@code target}, sizing its fixed- and variable-width vectors once for all the rows and bytes: no
   * buffer is reallocated (and copied again) while appending, which the growth by doubling of
   * {@link #append} costs for large inputs (a sort of ten million rows spent a second on it).
   */
  public static void concat(VectorSchemaRoot target, List<VectorSchemaRoot> batches) {
    try {
      int rows = 0;
      for (VectorSchemaRoot b : batches) {
        rows += b.getRowCount();
      }
      for (int c = 0; c < target.getFieldVectors().size(); c++) {
        FieldVector v = target.getVector(c);
        if (v instanceof BaseVariableWidthVector var) {
          long bytes = 0;
          for (VectorSchemaRoot b : batches) {
            FieldVector src = b.getVector(c);
            int n = src.getValueCount();
            // The end offset of the last value: what the appender copies (from the buffer's start).
            bytes += n == 0 ? 0 : src.getOffsetBuffer().getInt((long) n * BaseVariableWidthVector.OFFSET_WIDTH);
          }
          var.allocateNew(Math.max(bytes, 1), Math.max(rows, 1));
        } else if (v instanceof BaseFixedWidthVector fixed) {
          fixed.allocateNew(Math.max(rows, 1));
        } else {
          v.allocateNew();
        }
      }
      for (VectorSchemaRoot b : batches) {
        append(target, b);
      }
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
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
