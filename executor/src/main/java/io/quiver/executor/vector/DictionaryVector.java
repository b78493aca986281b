package io.quiver.executor.vector;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.compare.VectorVisitor;
import org.apache.arrow.vector.complex.reader.FieldReader;
import org.apache.arrow.vector.types.Types;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A dictionary-encoded VARCHAR column of one batch: 32-bit ids into a {@link StringDictionary}, NULLs
 * marked in the validity buffer (their ids are meaningless). The field is Arrow's in-memory form of a
 * dictionary-encoded field: the index type {@code Int(32)} with a {@link DictionaryEncoding}; the
 * buffers are an {@code IntVector}'s ({@code IntVector} itself is final).
 *
 * <p>Only consumers that asked for dictionary-encoded input receive these (a scan's
 * {@code dictionaryColumns}); everyone else gets plain {@code VarCharVector}s. A filter's row gather
 * ({@link VectorGather#take}) keeps the dictionary; transfers are refused, because a transferred
 * {@code IntVector} would lose its dictionary and read as numbers.
 */
public final class DictionaryVector extends BaseFixedWidthVector {
  private static final ArrowType.Int INDEX = new ArrowType.Int(32, true);

  private final StringDictionary dictionary;

  /** An empty vector named {@code name} over {@code dictionary}; allocate it before writing. */
  public DictionaryVector(String name, StringDictionary dictionary, BufferAllocator allocator) {
    super(new Field(name, new FieldType(true, INDEX, new DictionaryEncoding(0, false, INDEX)), null), allocator, 4);
    this.dictionary = dictionary;
  }

  /** The values the ids point into. */
  public StringDictionary dictionary() {
    return dictionary;
  }

  /** The id of row {@code i} (meaningless when the row is NULL). */
  public int id(int i) {
    return getDataBuffer().getInt((long) i << 2);
  }

  /** Sets row {@code i} to entry {@code id} (the vector must hold row i). */
  public void set(int i, int id) {
    BitVectorHelper.setBit(getValidityBuffer(), i);
    getDataBuffer().setInt((long) i << 2, id);
  }

  @Override
  public Types.MinorType getMinorType() {
    return Types.MinorType.INT;
  }

  @Override
  public Integer getObject(int index) {
    return isNull(index) ? null : id(index);
  }

  @Override
  protected FieldReader getReaderImpl() {
    throw new UnsupportedOperationException("a dictionary-encoded column has no field reader: decode it first");
  }

  @Override
  public <OUT, IN> OUT accept(VectorVisitor<OUT, IN> visitor, IN value) {
    return visitor.visit(this, value);
  }

  @Override
  public TransferPair getTransferPair(String ref, BufferAllocator allocator) {
    throw refused();
  }

  @Override
  public TransferPair getTransferPair(Field field, BufferAllocator allocator) {
    throw refused();
  }

  @Override
  public TransferPair makeTransferPair(ValueVector target) {
    throw refused();
  }

  @Override
  public void transferTo(BaseFixedWidthVector target) {
    throw refused();
  }

  @Override
  public void splitAndTransferTo(int startIndex, int length, BaseFixedWidthVector target) {
    throw refused();
  }

  private static UnsupportedOperationException refused() {
    return new UnsupportedOperationException("a dictionary-encoded column cannot be transferred: decode it first");
  }
}
