package io.quiver.server.flight;

import io.quiver.executor.BatchStream;
import io.quiver.server.StatementResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The message of a statement without rows (DDL, SET) as a one-row result, for clients that run every
 * statement as a query (the Flight SQL shell). The schema carries {@value #KEY} so such clients can print
 * it as a message rather than as a table.
 */
public final class MessageRows {
  /** Schema metadata key marking a message result. */
  public static final String KEY = "quiver.message";
  /** The schema of message results. */
  public static final Schema SCHEMA = new Schema(
      List.of(new Field("message", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)), Map.of(KEY, "true"));

  private MessageRows() {}

  static StatementResult of(StatementResult done, BufferAllocator allocator) {
    String message = done.message();
    done.close();
    BatchStream rows = new BatchStream() {
      private boolean sent;

      @Override
      public Schema schema() {
        return SCHEMA;
      }

      @Override
      public VectorSchemaRoot next() {
        if (sent) {
          return null;
        }
        sent = true;
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        VarCharVector v = (VarCharVector) root.getVector(0);
        v.setSafe(0, (message == null ? "OK" : message).getBytes(StandardCharsets.UTF_8));
        root.setRowCount(1);
        return root;
      }

      @Override
      public void close() {}
    };
    return StatementResult.rows(rows, () -> {});
  }
}
