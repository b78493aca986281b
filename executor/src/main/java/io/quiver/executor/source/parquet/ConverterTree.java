package io.quiver.executor.source.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * The converter tree Parquet-MR's ColumnReadStoreImpl walks to find each leaf's converter: it mirrors a
 * schema and hands out the given leaf converter for every leaf below a top-level field. The record
 * callbacks ({@code start}/{@code end}) are never used because values are pulled column by column.
 */
final class ConverterTree extends GroupConverter {
  private static final PrimitiveConverter UNUSED = new PrimitiveConverter() {};

  private final Converter[] children;

  private ConverterTree(GroupType type, PrimitiveConverter leaf) {
    children = new Converter[type.getFieldCount()];
    for (int i = 0; i < children.length; i++) {
      children[i] = subtree(type.getType(i), leaf);
    }
  }

  /** A root whose top-level field {@code i} leads to {@code leaves[i]} (null: never read this way). */
  static ConverterTree root(GroupType schema, PrimitiveConverter[] leaves) {
    Converter[] children = new Converter[schema.getFieldCount()];
    for (int i = 0; i < children.length; i++) {
      children[i] = subtree(schema.getType(i), leaves[i] == null ? UNUSED : leaves[i]);
    }
    return new ConverterTree(children);
  }

  private ConverterTree(Converter[] children) {
    this.children = children;
  }

  private static Converter subtree(Type t, PrimitiveConverter leaf) {
    return t.isPrimitive() ? leaf : new ConverterTree(t.asGroupType(), leaf);
  }

  @Override
  public Converter getConverter(int fieldIndex) {
    return children[fieldIndex];
  }

  @Override
  public void start() {}

  @Override
  public void end() {}
}
