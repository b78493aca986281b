package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.vector.Batches;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test helpers: batches from Java rows, a list-backed {@link BatchStream} that records how it was used,
 * and draining a stream back into Java rows. Values: Long for integers, Double for floats, String,
 * Boolean, Integer for dates (days), Long for timestamps (micros), byte[] for binary, null.
 */
final class TestData {
  static final ArrowType INT32 = new ArrowType.Int(32, true);
  static final ArrowType INT64 = new ArrowType.Int(64, true);
  static final ArrowType INT16 = new ArrowType.Int(16, true);
  static final ArrowType FLOAT8 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  static final ArrowType FLOAT4 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
  static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
  static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
  /** A float tensor of two elements; test rows give its values as {@code float[]}. */
  static final FixedShapeTensorType TENSOR2 = FixedShapeTensorType.float32(2);

  private TestData() {}

  static ExecContext ctx(BufferAllocator allocator, int batchSize) {
    return new ExecContext(allocator, Map.of("batch_size", Integer.toString(batchSize)), null, null);
  }

  static Field field(String name, ArrowType type) {
    if (type instanceof FixedShapeTensorType t) {
      return t.field(name, true);
    }
    return new Field(name, FieldType.nullable(type), null);
  }

  static Schema schema(Object... nameTypePairs) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      fields.add(field((String) nameTypePairs[i], (ArrowType) nameTypePairs[i + 1]));
    }
    return new Schema(fields);
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** One batch holding {@code rows}. */
  static VectorSchemaRoot batch(BufferAllocator allocator, Schema schema, List<List<Object>> rows) {
    VectorSchemaRoot root = Batches.empty(schema, allocator);
    root.allocateNew();
    for (int c = 0; c < schema.getFields().size(); c++) {
      FieldVector v = root.getVector(c);
      for (int r = 0; r < rows.size(); r++) {
        set(v, r, rows.get(r).get(c));
      }
      v.setValueCount(rows.size());
    }
    root.setRowCount(rows.size());
    return root;
  }

  private static void set(FieldVector v, int i, Object o) {
    if (v instanceof FixedShapeTensorVector t) {
      if (o == null) {
        t.getUnderlyingVector().setNull(i);
      } else {
        float[] values = (float[]) o;
        t.getUnderlyingVector().setNotNull(i);
        for (int k = 0; k < values.length; k++) {
          ((Float4Vector) t.elements()).setSafe(i * values.length + k, values[k]);
        }
      }
    } else if (o == null) {
      if (v instanceof VarCharVector s) {
        s.setNull(i);
      } else if (v instanceof VarBinaryVector b) {
        b.setNull(i);
      } else {
        ((org.apache.arrow.vector.BaseFixedWidthVector) v).setNull(i);
      }
    } else if (v instanceof BigIntVector x) {
      x.setSafe(i, ((Number) o).longValue());
    } else if (v instanceof IntVector x) {
      x.setSafe(i, ((Number) o).intValue());
    } else if (v instanceof SmallIntVector x) {
      x.setSafe(i, ((Number) o).shortValue());
    } else if (v instanceof Float8Vector x) {
      x.setSafe(i, ((Number) o).doubleValue());
    } else if (v instanceof Float4Vector x) {
      x.setSafe(i, ((Number) o).floatValue());
    } else if (v instanceof VarCharVector x) {
      x.setSafe(i, ((String) o).getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof VarBinaryVector x) {
      x.setSafe(i, (byte[]) o);
    } else if (v instanceof BitVector x) {
      x.setSafe(i, (Boolean) o ? 1 : 0);
    } else if (v instanceof DateDayVector x) {
      x.setSafe(i, (Integer) o);
    } else if (v instanceof TimeStampVector x) {
      x.setSafe(i, (Long) o);
    } else {
      throw new IllegalArgumentException("test helper cannot set " + v.getField());
    }
  }

  /** A stream of {@code rows} cut into batches of {@code batchRows} (the batches are made on demand). */
  static ListStream stream(BufferAllocator allocator, Schema schema, List<List<Object>> rows, int batchRows) {
    List<List<List<Object>>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += batchRows) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + batchRows)));
    }
    return new ListStream(allocator, schema, chunks);
  }

  /** A stream over prepared chunks of rows that counts pulls and remembers whether it was closed. */
  static final class ListStream implements BatchStream {
    private final BufferAllocator allocator;
    private final Schema schema;
    private final List<List<List<Object>>> chunks;
    int pulled;
    boolean closed;

    ListStream(BufferAllocator allocator, Schema schema, List<List<List<Object>>> chunks) {
      this.allocator = allocator;
      this.schema = schema;
      this.chunks = chunks;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public VectorSchemaRoot next() {
      if (closed) {
        throw new IllegalStateException("next() after close()");
      }
      if (pulled >= chunks.size()) {
        return null;
      }
      return batch(allocator, schema, chunks.get(pulled++));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Drains and closes {@code stream}, returning every row as Java values. */
  static List<List<Object>> drain(BatchStream stream) {
    List<List<Object>> rows = new ArrayList<>();
    try (stream) {
      VectorSchemaRoot batch;
      while ((batch = stream.next()) != null) {
        try (VectorSchemaRoot b = batch) {
          rows.addAll(rows(b));
        }
      }
    }
    return rows;
  }

  /** The rows of one batch as Java values. */
  static List<List<Object>> rows(VectorSchemaRoot b) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < b.getRowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (FieldVector v : b.getFieldVectors()) {
        row.add(value(v, r));
      }
      rows.add(row);
    }
    return rows;
  }

  static Object value(FieldVector v, int r) {
    if (v.isNull(r)) {
      return null;
    }
    if (v instanceof TimeStampVector t) {
      return t.get(r);
    } else if (v instanceof DateDayVector d) {
      return d.get(r);
    } else if (v instanceof VarCharVector s) {
      return new String(s.get(r), StandardCharsets.UTF_8);
    } else if (v instanceof Float4Vector f) {
      return (double) f.get(r);
    } else if (v instanceof FixedShapeTensorVector t) {
      return t.getObject(r).toString();
    }
    Object o = v.getObject(r);
    if (o instanceof Number n && !(o instanceof Double)) {
      return n.longValue();
    }
    return o;
  }

  /** Orders strings by their UTF-8 bytes, unsigned (the engine's string order). */
  static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
