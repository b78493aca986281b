package io.quiver.executor.source.parquet;

import org.apache.arrow.vector.BitVector;
import org.apache.parquet.column.ColumnReader;

/** Copies Parquet BOOLEAN values into an Arrow BitVector. */
final class BooleanCopier extends LeafCopier {
  @Override
  void copyOne(ColumnReader r, int index) {
    ((BitVector) vector).setSafe(index, r.getBoolean() ? 1 : 0);
  }
}
