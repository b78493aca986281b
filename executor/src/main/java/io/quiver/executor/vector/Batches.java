package io.quiver.executor.vector;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/** Row selection and slicing of whole batches. */
public final class Batches {
  private Batches() {}

  /** The Arrow bytes {@code batch}'s values fill (not its buffers' capacities), for memory accounting. */
  public static long bufferBytes(VectorSchemaRoot batch) {
    long bytes = 0;
    for (FieldVector v : batch.getFieldVectors()) {
      bytes += v.getBufferSize();
    }
    return bytes;
  }

  /** A new, empty batch of {@code schema} in {@code allocator}. */
  public static VectorSchemaRoot empty(Schema schema, BufferAllocator allocator) {
    return VectorFactory.root(schema, allocator);
  }

  /**
   * A new batch holding rows {@code indices[0..count)} of {@code src}, in that order. The source is
   * left untouched (the caller still owns it).
   */
  public static VectorSchemaRoot take(VectorSchemaRoot src, int[] indices, int count, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>(src.getFieldVectors().size());
    for (FieldVector v : src.getFieldVectors()) {
      out.add(take(v, indices, count, allocator));
    }
    return new VectorSchemaRoot(fields(out), out, count);
  }

  /**
   * A new vector holding values {@code indices[0..count)} of {@code src}; a negative index gives NULL.
   * See {@link VectorGather#take}.
   */
  public static FieldVector take(FieldVector src, int[] indices, int count, BufferAllocator allocator) {
    return VectorGather.take(src, null, indices, count, allocator);
  }

  /** A zero-copy slice {@code [start, start+length)} of {@code src} as a new batch sharing its buffers. */
  public static VectorSchemaRoot slice(VectorSchemaRoot src, int start, int length, BufferAllocator allocator) {
    List<FieldVector> out = new ArrayList<>(src.getFieldVectors().size());
    for (FieldVector v : src.getFieldVectors()) {
      TransferPair tp = v.getTransferPair(allocator);
      tp.splitAndTransfer(start, length);
      out.add((FieldVector) tp.getTo());
    }
    return new VectorSchemaRoot(fields(out), out, length);
  }

  /** A batch from vectors the caller hands over, renamed to {@code schema}'s field names. */
  public static VectorSchemaRoot of(Schema schema, List<FieldVector> vectors, int rowCount) {
    return new VectorSchemaRoot(schema.getFields(), vectors, rowCount);
  }

  private static List<Field> fields(List<FieldVector> vectors) {
    List<Field> fields = new ArrayList<>(vectors.size());
    for (FieldVector v : vectors) {
      fields.add(v.getField());
    }
    return fields;
  }
}
