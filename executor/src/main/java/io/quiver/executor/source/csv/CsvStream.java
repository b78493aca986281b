package io.quiver.executor.source.csv;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.FileRangeSplit;
import io.quiver.executor.source.LineSplits;
import io.quiver.executor.source.ScanSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
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
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one CSV file, or the records starting in a byte range of one, into batches of at most
 * {@code ctx.batchSize()} records, parsing only projected columns.
 */
final class CsvStream implements BatchStream {
  private final CsvSource source;
  private final FileRangeSplit split;
  /** The split as errors name it: the file, or the file and the byte range. */
  private final String file;
  private final int[] projection;
  private final CsvType[] types;
  private final Schema schema;
  private final ExecContext ctx;
  private long limitLeft;
  private CsvParser parser;
  private boolean done;

  CsvStream(CsvSource source, FileRangeSplit split, ScanSpec spec, ExecContext ctx) {
    this.source = source;
    this.split = split;
    this.file = split.description();
    this.projection = spec.projection().clone();
    this.schema = spec.projectedSchema(source.schema());
    this.ctx = ctx;
    this.limitLeft = spec.limit() < 0 ? Long.MAX_VALUE : spec.limit();
    this.types = new CsvType[projection.length];
    for (int i = 0; i < projection.length; i++) {
      types[i] = source.columns().types().get(projection[i]);
    }
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
        parser = source.parser(split);
        if (source.header() && split.start() == 0) {
          parser.next();
        }
      }
      return readBatch((int) Math.min(Math.max(1, ctx.batchSize()), limitLeft));
    } catch (CsvParser.CsvSyntaxException e) {
      if (e.unclosedQuote() && split.end() != FileRangeSplit.TO_END) {
        throw new QuiverException(CsvSource.FUNCTION + ": '" + file + "' line " + e.line() + ": a quoted field"
            + " is still open where this byte range of the file ends, so the file has quoted line breaks and"
            + " cannot be read in byte ranges; SET " + LineSplits.SETTING + " = 0 to read CSV files whole.");
      }
      throw new QuiverException(CsvSource.FUNCTION + ": '" + file + "' line " + e.line() + ": " + e.getMessage() + "."
          + LineSplits.rangeHint(split));
    } catch (IOException e) {
      throw new QuiverException(CsvSource.FUNCTION + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
  }

  private VectorSchemaRoot readBatch(int max) throws IOException, CsvParser.CsvSyntaxException {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, ctx.allocator());
    try {
      for (FieldVector v : root.getFieldVectors()) {
        v.setInitialCapacity(max);
        v.allocateNew();
      }
      int width = source.columns().names().size();
      int rows = 0;
      while (rows < max && parser.next()) {
        if (parser.size() != width) {
          throw new QuiverException(CsvSource.FUNCTION + ": '" + file + "' line " + parser.line() + ": expected "
              + width + " fields but found " + parser.size() + "." + LineSplits.rangeHint(split));
        }
        for (int c = 0; c < projection.length; c++) {
          set(root.getVector(c), types[c], rows, parser.field(projection[c]), parser.quoted(projection[c]), c);
        }
        rows++;
      }
      if (rows < max) {
        done = true;
      }
      if (rows == 0) {
        root.close();
        return null;
      }
      root.setRowCount(rows);
      limitLeft -= rows;
      return root;
    } catch (RuntimeException | IOException | CsvParser.CsvSyntaxException e) {
      root.close();
      throw e;
    }
  }

  private void set(FieldVector v, CsvType type, int row, String text, boolean quoted, int column) {
    if (text.isEmpty() && !(quoted && type == CsvType.VARCHAR)) {
      return; // NULL: the validity bit stays clear
    }
    Object value;
    try {
      value = type.parse(text);
    } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
      throw new QuiverException(CsvSource.FUNCTION + ": '" + file + "' line " + parser.line() + ", column '"
          + schema.getFields().get(column).getName() + "': cannot read '" + abbreviate(text) + "' as " + type
          + " (the type was " + (source.declared() ? "declared" : "inferred from the first "
          + CsvSource.SAMPLE_ROWS + " records; declare it with columns => '...'") + ").");
    }
    switch (type) {
      case BOOLEAN:
        ((BitVector) v).setSafe(row, (Boolean) value ? 1 : 0);
        break;
      case TINYINT:
        ((TinyIntVector) v).setSafe(row, (byte) (long) (Long) value);
        break;
      case SMALLINT:
        ((SmallIntVector) v).setSafe(row, (short) (long) (Long) value);
        break;
      case INTEGER:
        ((IntVector) v).setSafe(row, (int) (long) (Long) value);
        break;
      case BIGINT:
        ((BigIntVector) v).setSafe(row, (Long) value);
        break;
      case REAL:
        ((Float4Vector) v).setSafe(row, (float) (double) (Double) value);
        break;
      case DOUBLE:
        ((Float8Vector) v).setSafe(row, (Double) value);
        break;
      case DATE:
        ((DateDayVector) v).setSafe(row, Math.toIntExact((Long) value));
        break;
      case TIMESTAMP:
        ((TimeStampMicroVector) v).setSafe(row, (Long) value);
        break;
      default:
        ((VarCharVector) v).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  public void close() {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException e) {
        // Nothing was written; a failing close of a file we read loses nothing.
      }
      parser = null;
    }
    done = true;
  }
}
