package io.quiver.executor.sink;

import io.quiver.executor.storage.StagedFile;
import io.quiver.executor.vector.JsonStrings;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * JSON lines (newline-delimited JSON, as DuckDB's {@code FORMAT json} writes): one object per row with
 * every column as a key, NULL as {@code null}, tensors as nested arrays.
 */
final class JsonFileSink extends TextFileSink {
  private final String[] keys;

  JsonFileSink(StagedFile staged, Schema schema, CopySpec.Compression compression) throws IOException {
    super(staged, compression);
    List<Field> fields = schema.getFields();
    keys = new String[fields.size()];
    for (int c = 0; c < keys.length; c++) {
      StringBuilder k = new StringBuilder();
      JsonStrings.append(k, fields.get(c).getName());
      keys[c] = k.append(':').toString();
    }
  }

  @Override
  void appendHeader(StringBuilder sb) {
    // JSON lines have no header.
  }

  @Override
  void appendRow(StringBuilder sb, VectorSchemaRoot batch, int row) {
    List<FieldVector> vectors = batch.getFieldVectors();
    sb.append('{');
    for (int c = 0; c < vectors.size(); c++) {
      if (c > 0) {
        sb.append(',');
      }
      sb.append(keys[c]);
      FieldVector v = vectors.get(c);
      if (v.isNull(row)) {
        sb.append("null");
      } else {
        TextValues.append(sb, v, row, true);
      }
    }
    sb.append("}\n");
  }
}
