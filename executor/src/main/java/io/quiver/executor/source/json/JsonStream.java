package io.quiver.executor.source.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.FileRangeSplit;
import io.quiver.executor.source.LineSplits;
import io.quiver.executor.source.ScanSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one JSON lines file, or the lines starting in a byte range of one, into batches of at most
 * {@code ctx.batchSize()} objects; only projected keys are decoded.
 */
final class JsonStream implements BatchStream {
  private final JsonSource source;
  private final FileRangeSplit split;
  /** The split as errors name it: the file, or the file and the byte range. */
  private final String file;
  private final Schema schema;
  private final ExecContext ctx;
  private final Map<String, Integer> slotOfKey = new HashMap<>();
  private final JsonKind[] kinds;
  private final boolean[] seen;
  private long limitLeft;
  private JsonParser parser;
  private boolean done;

  JsonStream(JsonSource source, FileRangeSplit split, List<String> names, List<JsonKind> allKinds, ScanSpec spec,
      ExecContext ctx) {
    this.source = source;
    this.split = split;
    this.file = split.description();
    this.ctx = ctx;
    this.limitLeft = spec.limit() < 0 ? Long.MAX_VALUE : spec.limit();
    int[] projection = spec.projection();
    this.kinds = new JsonKind[projection.length];
    List<org.apache.arrow.vector.types.pojo.Field> fields = new java.util.ArrayList<>();
    for (int i = 0; i < projection.length; i++) {
      slotOfKey.putIfAbsent(names.get(projection[i]), i);
      kinds[i] = allKinds.get(projection[i]);
      fields.add(org.apache.arrow.vector.types.pojo.Field.nullable(names.get(projection[i]), kinds[i].arrow));
    }
    this.schema = new Schema(fields);
    this.seen = new boolean[projection.length];
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done || limitLeft <= 0) {
      return null;
    }
    try {
      if (parser == null) {
        parser = source.open(split);
      }
      return readBatch((int) Math.min(Math.max(1, ctx.batchSize()), limitLeft));
    } catch (JsonProcessingException e) {
      QuiverException invalid = JsonSource.invalid(file, e);
      throw split.isWholeFile() ? invalid : new QuiverException(invalid.getMessage() + LineSplits.rangeHint(split), e);
    } catch (IOException e) {
      throw new QuiverException(JsonSource.FUNCTION + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
  }

  private VectorSchemaRoot readBatch(int max) throws IOException {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, ctx.allocator());
    try {
      for (FieldVector v : root.getFieldVectors()) {
        v.setInitialCapacity(max);
        v.allocateNew();
      }
      int rows = 0;
      while (rows < max) {
        JsonToken t = parser.nextToken();
        if (t == null) {
          done = true;
          break;
        }
        if (t != JsonToken.START_OBJECT) {
          QuiverException notAnObject = JsonSource.notAnObject(file, parser);
          throw split.isWholeFile() ? notAnObject : new QuiverException(notAnObject.getMessage() + LineSplits.rangeHint(split));
        }
        readObject(root, rows);
        rows++;
      }
      if (rows == 0) {
        root.close();
        return null;
      }
      root.setRowCount(rows);
      limitLeft -= rows;
      return root;
    } catch (RuntimeException | IOException e) {
      root.close();
      throw e;
    }
  }

  private void readObject(VectorSchemaRoot root, int row) throws IOException {
    long line = parser.currentTokenLocation().getLineNr();
    Arrays.fill(seen, false);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      Integer slot = slotOfKey.get(parser.currentName());
      JsonToken value = parser.nextToken();
      if (slot == null || seen[slot] || value == JsonToken.VALUE_NULL) {
        parser.skipChildren();
        continue;
      }
      seen[slot] = true;
      set(root.getVector(slot), kinds[slot], row, value, line);
    }
  }

  private void set(FieldVector v, JsonKind kind, int row, JsonToken value, long line) throws IOException {
    switch (kind) {
      case BIGINT:
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          ((BigIntVector) v).setSafe(row, parser.getLongValue());
          return;
        }
        break;
      case DOUBLE:
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
          ((Float8Vector) v).setSafe(row, parser.getDoubleValue());
          return;
        }
        break;
      case BOOLEAN:
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
          ((BitVector) v).setSafe(row, value == JsonToken.VALUE_TRUE ? 1 : 0);
          return;
        }
        break;
      default:
        ((VarCharVector) v).setSafe(row, text(value).getBytes(StandardCharsets.UTF_8));
        return;
    }
    String key = parser.currentName();
    parser.skipChildren();
    throw new QuiverException(JsonSource.FUNCTION + ": '" + file + "' line " + line + ", key '" + key + "': "
        + JsonSource.describe(value) + " does not fit the column's type " + kind + " (inferred from the first "
        + JsonSource.SAMPLE_LINES + " lines).");
  }

  /** A VARCHAR value: strings as they are, anything else as its JSON text. */
  private String text(JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = JsonSource.JSON.createGenerator(out)) {
        g.copyCurrentStructure(parser);
      }
      return out.toString();
    }
    return parser.getText();
  }

  @Override
  public void close() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // Reading only; nothing to lose.
      }
      parser = null;
    }
    done = true;
  }
}
