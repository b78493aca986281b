package io.quiver.executor.sink;

import io.quiver.executor.BatchStream;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import io.quiver.udf.tensor.TensorVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Batches of every type COPY writes, and a stream over them that can fail on demand. */
final class CopyTestData {
  static final FixedShapeTensorType IMAGE = FixedShapeTensorType.uint8(2, 3);
  static final FixedShapeTensorType EMBEDDING = FixedShapeTensorType.float32(2);

  private CopyTestData() {}

  /** Rows {@code first..first+n}: every type, with NULLs in every nullable column at row % 5 == 4. */
  static VectorSchemaRoot allTypes(BufferAllocator a, int first, int n) {
    TinyIntVector i8 = new TinyIntVector("i8", a);
    SmallIntVector i16 = new SmallIntVector("i16", a);
    IntVector i32 = new IntVector("i32", a);
    BigIntVector i64 = new BigIntVector("i64", a);
    Float4Vector f32 = new Float4Vector("f32", a);
    Float8Vector f64 = new Float8Vector("f64", a);
    BitVector bool = new BitVector("b", a);
    VarCharVector s = new VarCharVector("s", a);
    DateDayVector d = new DateDayVector("d", a);
    TimeStampMicroVector ts = new TimeStampMicroVector("ts", a);
    ListVector list = ListVector.empty("l", a);
    list.addOrGetVector(org.apache.arrow.vector.types.pojo.FieldType.nullable(
        new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true)));
    FixedShapeTensorVector image = TensorVectors.allocate("image", IMAGE, n, a);
    FixedShapeTensorVector emb = TensorVectors.allocate("emb", EMBEDDING, n, a);
    List<FieldVector> all = List.of(i8, i16, i32, i64, f32, f64, bool, s, d, ts, list, image, emb);
    for (FieldVector v : all) {
      if (v != image && v != emb) {
        v.setInitialCapacity(n);
        v.allocateNew();
      }
    }
    UnionListWriter w = list.getWriter();
    for (int k = 0; k < n; k++) {
      int r = first + k;
      byte[] pixels = new byte[6];
      for (int p = 0; p < 6; p++) {
        pixels[p] = (byte) (r * 7 + p * 40);
      }
      TensorVectors.writeBytes(image, k, pixels);
      TensorVectors.writeFloats(emb, k, new float[] {r * 0.5f, -r});
      w.setPosition(k);
      if (r % 5 == 4) {
        continue; // NULL in every plain column
      }
      i8.set(k, (byte) (r % 100 - 50));
      i16.set(k, (short) (r * 3 - 1000));
      i32.set(k, r * 1000);
      i64.set(k, (long) r * 10_000_000_000L);
      f32.set(k, r / 4f);
      f64.set(k, r / 8.0);
      bool.set(k, r % 2);
      s.setSafe(k, (r % 3 == 0 ? "" : "v\"," + r + "\n").getBytes(StandardCharsets.UTF_8));
      d.set(k, 19_000 + r);
      ts.set(k, 1_700_000_000_000_000L + r * 1_500_000L);
      w.startList();
      for (int e = 0; e < r % 3; e++) {
        w.integer().writeInt(r + e);
      }
      w.endList();
    }
    for (FieldVector v : all) {
      v.setValueCount(n);
    }
    List<Field> fields = new ArrayList<>();
    for (FieldVector v : all) {
      fields.add(v.getField());
    }
    return new VectorSchemaRoot(fields, all, n);
  }

  /** Rows with a partition key {@code label} (0..2, NULL at row % 7 == 6) and a value. */
  static VectorSchemaRoot labelled(BufferAllocator a, int first, int n) {
    IntVector label = new IntVector("label", a);
    VarCharVector name = new VarCharVector("name", a);
    label.allocateNew(n);
    name.allocateNew(n);
    for (int k = 0; k < n; k++) {
      int r = first + k;
      if (r % 7 != 6) {
        label.set(k, r % 3);
      }
      name.setSafe(k, ("n" + r).getBytes(StandardCharsets.UTF_8));
    }
    label.setValueCount(n);
    name.setValueCount(n);
    return new VectorSchemaRoot(List.of(label.getField(), name.getField()), List.of(label, name), n);
  }

  /** A stream of {@code batches} batches made by {@code make}; with {@code failAt} >= 0 it throws there. */
  static BatchStream stream(Schema schema, int batches, int failAt, IntFunction<VectorSchemaRoot> make) {
    Deque<Integer> left = new ArrayDeque<>();
    for (int i = 0; i < batches; i++) {
      left.add(i);
    }
    return new BatchStream() {
      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public VectorSchemaRoot next() {
        Integer i = left.poll();
        if (i == null) {
          return null;
        }
        if (i == failAt) {
          throw new IllegalStateException("boom in batch " + i);
        }
        return make.apply(i);
      }

      @Override
      public void close() {}
    };
  }
}
