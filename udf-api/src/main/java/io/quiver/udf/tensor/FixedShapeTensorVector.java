package io.quiver.udf.tensor;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.ArrowBufHasher;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.util.CallBack;
import org.apache.arrow.vector.util.TransferPair;
import java.util.List;

/**
 * A column of fixed-shape tensors. The storage is a {@link FixedSizeListVector} (one entry per row, which
 * may be null) over a flat element vector ({@link #elements()}) holding {@code rows * size} values
 * row-major. Use {@link TensorVectors} to allocate, read and write whole tensors.
 */
public final class FixedShapeTensorVector extends ExtensionTypeVector<FixedSizeListVector> {
  private final FixedShapeTensorType type;

  /** Wraps {@code storage}; normally made by {@link FixedShapeTensorType#getNewVector} or {@link TensorVectors#allocate}. */
  public FixedShapeTensorVector(String name, BufferAllocator allocator, FixedSizeListVector storage,
      FixedShapeTensorType type) {
    super(name, allocator, storage);
    this.type = type;
  }

  /** The element type and shape of every row. */
  public FixedShapeTensorType tensorType() {
    return type;
  }

  /** The flat element vector: tensor {@code i} occupies {@code [i*size, (i+1)*size)}. */
  public FieldVector elements() {
    return (FieldVector) getUnderlyingVector().getDataVector();
  }

  /**
   * The element vector already exists ({@link FixedShapeTensorType#getNewVector} makes it from the
   * type), so the child field that {@code Field.createVector} / {@code VectorSchemaRoot.create} pass
   * here is only checked, not added a second time (which Arrow rejects).
   */
  @Override
  public void initializeChildrenFromFields(List<Field> children) {
    if (children.size() > 1
        || (children.size() == 1 && !children.get(0).getType().equals(type.elementType()))) {
      throw new IllegalArgumentException("a " + type + " column has one child of type "
          + type.elementType() + ", not " + children);
    }
  }

  @Override
  public Object getObject(int index) {
    return getUnderlyingVector().getObject(index);
  }

  @Override
  public int hashCode(int index) {
    return hashCode(index, null);
  }

  @Override
  public int hashCode(int index, ArrowBufHasher hasher) {
    return getUnderlyingVector().hashCode(index, hasher);
  }

  @Override
  public Field getField() {
    return type.field(getName(), getUnderlyingVector().getField().isNullable());
  }

  /** A new, empty tensor vector of the same type in {@code allocator}. */
  public FixedShapeTensorVector newEmpty(String name, BufferAllocator allocator) {
    return (FixedShapeTensorVector) type.getNewVector(name, new FieldType(true, type, null), allocator);
  }

  @Override
  public TransferPair getTransferPair(String ref, BufferAllocator allocator) {
    return makeTransferPair(newEmpty(ref, allocator));
  }

  @Override
  public TransferPair getTransferPair(String ref, BufferAllocator allocator, CallBack callBack) {
    return getTransferPair(ref, allocator);
  }

  @Override
  public TransferPair getTransferPair(Field field, BufferAllocator allocator) {
    return getTransferPair(field.getName(), allocator);
  }

  @Override
  public TransferPair getTransferPair(Field field, BufferAllocator allocator, CallBack callBack) {
    return getTransferPair(field.getName(), allocator);
  }

  @Override
  public TransferPair getTransferPair(BufferAllocator allocator) {
    return getTransferPair(getName(), allocator);
  }

  @Override
  public TransferPair makeTransferPair(ValueVector target) {
    FixedShapeTensorVector to = (FixedShapeTensorVector) target;
    TransferPair storage = getUnderlyingVector().makeTransferPair(to.getUnderlyingVector());
    return new TransferPair() {
      @Override public void transfer() { storage.transfer(); }
      @Override public void splitAndTransfer(int startIndex, int length) { storage.splitAndTransfer(startIndex, length); }
      @Override public ValueVector getTo() { return to; }
      @Override public void copyValueSafe(int from, int toIndex) { storage.copyValueSafe(from, toIndex); }
    };
  }
}
