package io.quiver.executor.sink;

import io.quiver.executor.storage.StagedFile;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * CSV as RFC 4180 writes it: a header line of column names (unless turned off), {@code \n} line ends,
 * fields quoted with {@code "} when they contain the delimiter, a quote or a line break (quotes doubled
 * inside), NULL as an empty field and the empty string as {@code ""}.
 */
final class CsvFileSink extends TextFileSink {
  private final List<Field> fields;
  private final boolean header;
  private final char delimiter;
  private final StringBuilder value = new StringBuilder();

  CsvFileSink(StagedFile staged, Schema schema, CopySpec.Compression compression, boolean header, char delimiter)
      throws IOException {
    super(staged, compression);
    this.fields = schema.getFields();
    this.header = header;
    this.delimiter = delimiter;
  }

  @Override
  void appendHeader(StringBuilder sb) {
    if (!header) {
      return;
    }
    for (int c = 0; c < fields.size(); c++) {
      if (c > 0) {
        sb.append(delimiter);
      }
      field(sb, fields.get(c).getName());
    }
    sb.append('\n');
  }

  @Override
  void appendRow(StringBuilder sb, VectorSchemaRoot batch, int row) {
    List<FieldVector> vectors = batch.getFieldVectors();
    for (int c = 0; c < vectors.size(); c++) {
      if (c > 0) {
        sb.append(delimiter);
      }
      FieldVector v = vectors.get(c);
      if (!v.isNull(row)) {
        value.setLength(0);
        TextValues.append(value, v, row, false);
        field(sb, value);
      }
    }
    sb.append('\n');
  }

  private void field(StringBuilder sb, CharSequence s) {
    boolean quote = s.length() == 0;
    for (int k = 0; k < s.length() && !quote; k++) {
      char ch = s.charAt(k);
      quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }
}
