package io.quiver.executor.expr.eval;

import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows an expression is evaluated over: the input columns (borrowed, never closed here) and the
 * row count. A subset input (see {@link #subset}) owns copies of just the columns it needs.
 */
public final class Input implements AutoCloseable {
  private final FieldVector[] columns;
  private final List<String> names;
  private final int rowCount;
  private final BufferAllocator allocator;
  private final boolean ownsColumns;

  private Input(FieldVector[] columns, List<String> names, int rowCount, BufferAllocator allocator,
      boolean ownsColumns) {
    this.columns = columns;
    this.names = names;
    this.rowCount = rowCount;
    this.allocator = allocator;
    this.ownsColumns = ownsColumns;
  }

  /** All columns of {@code batch}, borrowed. */
  public static Input of(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<FieldVector> vs = batch.getFieldVectors();
    List<String> names = new ArrayList<>(vs.size());
    for (FieldVector v : vs) {
      names.add(v.getName());
    }
    return new Input(vs.toArray(new FieldVector[0]), names, batch.getRowCount(), allocator, false);
  }

  /** An input without columns, e.g. to fold constant expressions at compile time. */
  public static Input empty(int rowCount, BufferAllocator allocator) {
    return new Input(new FieldVector[0], List.of(), rowCount, allocator, false);
  }

  public int rowCount() {
    return rowCount;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  public FieldVector column(int index) {
    if (index >= columns.length || columns[index] == null) {
      throw new IllegalStateException("column $" + index + " is not part of this input");
    }
    return columns[index];
  }

  /** Column names of the original batch, to name columns in error messages. */
  public List<String> names() {
    return names;
  }

  /**
   * A new input holding rows {@code rows[0..count)} of the columns flagged in {@code needed}; the
   * caller closes it. Used to evaluate a sub-expression lazily, on just the rows that reach it.
   */
  public Input subset(int[] rows, int count, boolean[] needed) {
    FieldVector[] cols = new FieldVector[columns.length];
    try {
      for (int c = 0; c < columns.length; c++) {
        if (c < needed.length && needed[c]) {
          cols[c] = Batches.take(columns[c], rows, count, allocator);
        }
      }
    } catch (RuntimeException e) {
      for (FieldVector v : cols) {
        if (v != null) {
          v.close();
        }
      }
      throw e;
    }
    return new Input(cols, names, count, allocator, true);
  }

  @Override
  public void close() {
    if (ownsColumns) {
      for (FieldVector v : columns) {
        if (v != null) {
          v.close();
        }
      }
    }
  }
}
