package io.quiver.benchmarks.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The benchmark's block: groupby-like rows (int64, float64, int32, a short string), batches of 64Ki rows. */
final class TransferData {
  static final int BATCH_ROWS = 1 << 16;
  static final Schema SCHEMA = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)),
      Field.nullable("v", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
      Field.nullable("k", new ArrowType.Int(32, true)), Field.nullable("s", ArrowType.Utf8.INSTANCE)));

  private TransferData() {}

  /** Batches holding about {@code megabytes} MB of Arrow buffers. */
  static List<VectorSchemaRoot> generate(long megabytes, BufferAllocator allocator) {
    List<VectorSchemaRoot> out = new ArrayList<>();
    long target = megabytes << 20;
    long bytes = 0;
    long row = 0;
    byte[][] names = new byte[100][];
    for (int i = 0; i < names.length; i++) {
      names[i] = ("id" + String.format("%010d", i * 7919L)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    while (bytes < target) {
      VectorSchemaRoot r = VectorSchemaRoot.create(SCHEMA, allocator);
      BigIntVector id = (BigIntVector) r.getVector(0);
      Float8Vector v = (Float8Vector) r.getVector(1);
      IntVector k = (IntVector) r.getVector(2);
      VarCharVector s = (VarCharVector) r.getVector(3);
      id.allocateNew(BATCH_ROWS);
      v.allocateNew(BATCH_ROWS);
      k.allocateNew(BATCH_ROWS);
      s.allocateNew(BATCH_ROWS * 12L, BATCH_ROWS);
      for (int i = 0; i < BATCH_ROWS; i++, row++) {
        id.set(i, row);
        v.set(i, row * 0.5);
        k.set(i, (int) (row % 100));
        s.setSafe(i, names[(int) (row % 100)]);
      }
      r.setRowCount(BATCH_ROWS);
      out.add(r);
      bytes += bytes(r);
    }
    return out;
  }

  static long bytes(VectorSchemaRoot r) {
    long b = 0;
    for (FieldVector v : r.getFieldVectors()) {
      b += v.getBufferSize();
    }
    return b;
  }
}
