package io.quiver.executor.vector;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Creates empty vectors from fields. Arrow's {@link Field#createVector} fails for extension types whose
 * vector builds its own storage children (our tensors: "Child vector already existed"), so extension
 * fields go through {@link ArrowType.ExtensionType#getNewVector} instead.
 */
public final class VectorFactory {
  private VectorFactory() {}

  /** A new, unallocated vector for {@code field}. */
  public static FieldVector create(Field field, BufferAllocator allocator) {
    if (field.getType() instanceof ArrowType.ExtensionType ext) {
      return ext.getNewVector(field.getName(), field.getFieldType(), allocator);
    }
    return field.createVector(allocator);
  }

  /** A new batch of {@code schema} with unallocated vectors and no rows. */
  public static VectorSchemaRoot root(Schema schema, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(schema.getFields().size());
    for (Field f : schema.getFields()) {
      vectors.add(create(f, allocator));
    }
    return new VectorSchemaRoot(schema.getFields(), vectors, 0);
  }
}
