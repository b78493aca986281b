package io.quiver.executor.source.image;

import io.quiver.udf.tensor.FixedShapeTensorVector;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/**
 * Fills a UINT8 fixed-shape tensor column row by row, copying each tensor straight into the flat
 * element buffer of the storage {@link FixedSizeListVector} (one memory copy per row).
 */
final class TensorColumnWriter {
  private final FixedShapeTensorVector vector;
  private final FixedSizeListVector storage;
  private final int size;
  private final ArrowBuf elements;

  /** Allocates room for {@code capacity} rows. */
  TensorColumnWriter(FixedShapeTensorVector vector, int capacity) {
    this.vector = vector;
    this.storage = vector.getUnderlyingVector();
    this.size = vector.tensorType().size();
    storage.setInitialCapacity(capacity);
    storage.allocateNew();
    this.elements = vector.elements().getDataBuffer();
  }

  /** Sets row {@code row} to {@code values}, exactly one tensor's worth of elements. */
  void set(int row, byte[] values) {
    if (values.length != size) {
      throw new IllegalArgumentException("tensor of " + values.length + " elements, expected " + size);
    }
    elements.setBytes((long) row * size, values, 0, size);
    storage.setNotNull(row);
  }

  /** Marks {@code rows} rows as written; elements are never null. */
  void finish(int rows) {
    long count = (long) rows * size;
    vector.elements().getValidityBuffer().setOne(0L, (count + 7) / 8);
    vector.setValueCount(rows);
  }
}
