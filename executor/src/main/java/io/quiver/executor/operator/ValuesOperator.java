package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.ValueKind;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.vector.VectorFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Constant rows (VALUES, or a SELECT without FROM) in batches of {@code ctx.batchSize()}. Values follow
 * {@link io.quiver.executor.expr.Literal}: Long for integers, Double for floats and decimals, String,
 * Boolean, Integer for dates (days), Long for timestamps (micros), byte[] for binary, or null. A node with
 * no columns still yields its number of rows.
 */
public final class ValuesOperator implements BatchStream {
  private final ValuesNode node;
  private final ExecContext ctx;
  private int position;

  public ValuesOperator(ValuesNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    List<List<Object>> rows = node.rows();
    if (position >= rows.size()) {
      return null;
    }
    int count = Math.min(Math.max(1, ctx.batchSize()), rows.size() - position);
    List<Field> fields = node.schema().getFields();
    List<FieldVector> vectors = new ArrayList<>(fields.size());
    try {
      for (int c = 0; c < fields.size(); c++) {
        FieldVector v = VectorFactory.create(fields.get(c), ctx.allocator());
        vectors.add(v);
        ColumnWriters.allocate(v, count);
        for (int r = 0; r < count; r++) {
          Object value = rows.get(position + r).get(c);
          if (value != null) {
            write(v, r, value);
          }
        }
        v.setValueCount(count);
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    position += count;
    return new VectorSchemaRoot(fields, vectors, count);
  }

  private static void write(FieldVector v, int row, Object value) {
    Field f = v.getField();
    try {
      switch (ValueKind.of(f.getType())) {
        case LONG:
          ColumnWriters.longs(v).set(row, value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue());
          return;
        case DOUBLE:
          ColumnWriters.doubles(v).set(row, ((Number) value).doubleValue());
          return;
        case BYTES:
          byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
          ColumnWriters.bytes(v).set(row, bytes, 0, bytes.length);
          return;
        default:
          break;
      }
    } catch (ClassCastException e) {
      throw new QuiverException("VALUES: the value " + value + " (" + value.getClass().getSimpleName()
          + ") does not fit column '" + f.getName() + "' of type " + f.getType() + ".", e);
    }
    throw new QuiverException("VALUES: columns of type " + f.getType() + " (column '" + f.getName()
        + "') are not supported.");
  }

  @Override
  public void close() {}
}
