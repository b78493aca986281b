package io.quiver.server;

import io.quiver.executor.BatchStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** A small result of text columns (SHOW, DESCRIBE, EXPLAIN) as a one-batch stream. */
final class StaticRows implements BatchStream {
  private final Schema schema;
  private final List<String[]> rows;
  private final BufferAllocator allocator;
  private boolean done;

  StaticRows(List<String> columns, List<String[]> rows, BufferAllocator allocator) {
    List<Field> fields = new ArrayList<>();
    columns.forEach(c -> fields.add(Field.nullable(c, ArrowType.Utf8.INSTANCE)));
    this.schema = new Schema(fields);
    this.rows = rows;
    this.allocator = allocator;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done) {
      return null;
    }
    done = true;
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    for (int c = 0; c < schema.getFields().size(); c++) {
      VarCharVector v = (VarCharVector) root.getVector(c);
      for (int r = 0; r < rows.size(); r++) {
        String s = rows.get(r)[c];
        if (s == null) {
          v.setNull(r);
        } else {
          v.setSafe(r, s.getBytes(StandardCharsets.UTF_8));
        }
      }
      v.setValueCount(rows.size());
    }
    root.setRowCount(rows.size());
    return root;
  }

  @Override
  public void close() {}
}
