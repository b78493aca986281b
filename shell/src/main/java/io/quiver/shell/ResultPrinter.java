package io.quiver.shell;

import io.quiver.executor.BatchStream;
import io.quiver.server.StatementResult;
import io.quiver.sql.types.TypeMapping;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Prints a statement's result. CSV, TSV, JSON and Markdown stream batch by batch; the table format
 * collects up to {@code maxRows} rows to size its columns and says how many more there were.
 */
public final class ResultPrinter {
  /**
   * How the interactive shell's terminal shows tables: its width (-1: unlimited), whether NULL may be
   * dimmed, how images are drawn (NONE: not at all) and for how many leading rows, and what to do just
   * before the first character is printed (clear the progress lines).
   */
  record Display(int width, boolean color, ImagePreview.Colors images, int imageRows, Runnable beforeOutput) {
    static final Display PLAIN = new Display(-1, false, ImagePreview.Colors.NONE, 0, () -> {});
  }

  private final PrintStream out;
  private final OutputFormat format;
  private final long maxRows;
  private final Display display;

  /** @param maxRows rows the table format shows (-1: all) */
  public ResultPrinter(PrintStream out, OutputFormat format, long maxRows) {
    this(out, format, maxRows, Display.PLAIN);
  }

  ResultPrinter(PrintStream out, OutputFormat format, long maxRows, Display display) {
    this.out = out;
    this.format = format;
    this.maxRows = maxRows;
    this.display = display;
  }

  /** Prints the result and returns the number of rows it had. */
  public long print(StatementResult result) {
    if (!result.hasRows()) {
      display.beforeOutput().run();
      if (format == OutputFormat.TABLE) {
        out.println(result.message());
      }
      return 0;
    }
    BatchStream stream = result.stream();
    Schema schema = stream.schema();
    if (format == OutputFormat.TABLE && isPlan(schema)) {
      return plan(stream);
    }
    return switch (format) {
      case TABLE -> table(stream, schema);
      case CSV -> delimited(stream, schema, ',');
      case TSV -> delimited(stream, schema, '\t');
      case JSON -> json(stream, schema);
      case MARKDOWN -> markdown(stream, schema);
    };
  }

  /** EXPLAIN's answer: one column "plan", one operator per row, indented as a tree. */
  private static boolean isPlan(Schema schema) {
    return schema.getFields().size() == 1 && schema.getFields().get(0).getName().equals("plan")
        && schema.getFields().get(0).getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Utf8;
  }

  /** A plan prints as its tree, whole (a box would cut the long operator lines to the terminal). */
  private long plan(BatchStream stream) {
    List<String> lines = new ArrayList<>();
    VectorSchemaRoot b;
    while ((b = stream.next()) != null) {
      try (VectorSchemaRoot batch = b) {
        for (int r = 0; r < batch.getRowCount(); r++) {
          String v = ValueFormatter.format(batch.getVector(0), r);
          lines.add(v == null ? "" : v);
        }
      }
    }
    display.beforeOutput().run();
    lines.forEach(out::println);
    return lines.size();
  }

  private long table(BatchStream stream, Schema schema) {
    List<String[]> rows = new ArrayList<>();
    List<ImagePreview.Image> images = new ArrayList<>();
    int imageRows = display.images() == ImagePreview.Colors.NONE ? 0 : display.imageRows();
    long total = 0;
    VectorSchemaRoot b;
    while ((b = stream.next()) != null) {
      try (VectorSchemaRoot batch = b) {
        for (int r = 0; r < batch.getRowCount(); r++, total++) {
          if (maxRows < 0 || total < maxRows) {
            rows.add(row(batch, r, null));
          }
          if (total < imageRows) {
            grabImages(batch, r, total, images);
          }
        }
      }
    }
    display.beforeOutput().run();
    List<String> header = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (Field f : schema.getFields()) {
      header.add(f.getName());
      types.add(TypeMapping.displayName(f).toLowerCase());
    }
    int hidden = new TableRenderer(out, display.width(), display.color())
        .render(header, types, rows, numericColumns(schema));
    String columns = hidden == 0 ? "" : ", " + header.size() + " columns (" + (header.size() - hidden) + " shown)";
    if (maxRows >= 0 && total > maxRows) {
      out.println(String.format("... %,d more rows (%,d rows total%s)", total - maxRows, total, columns));
    } else {
      out.println(String.format("(%,d %s%s)", total, total == 1 ? "row" : "rows", columns));
    }
    for (String line : ImagePreview.render(images, display.images(), display.width() > 0 ? display.width() : 120)) {
      out.println(line);
    }
    return total;
  }

  private static void grabImages(VectorSchemaRoot batch, int r, long rowNumber, List<ImagePreview.Image> images) {
    for (FieldVector v : batch.getFieldVectors()) {
      if (ImagePreview.isImage(v.getField())) {
        ImagePreview.Image img = ImagePreview.grab(v, r, "row " + (rowNumber + 1) + " " + v.getField().getName());
        if (img != null) {
          images.add(img);
        }
      }
    }
  }

  /** The first batch, read before anything is printed so the progress lines stay until rows arrive. */
  private VectorSchemaRoot first(BatchStream stream) {
    VectorSchemaRoot b = stream.next();
    display.beforeOutput().run();
    return b;
  }

  private long delimited(BatchStream stream, Schema schema, char sep) {
    VectorSchemaRoot b = first(stream);
    List<String> header = new ArrayList<>();
    schema.getFields().forEach(f -> header.add(csv(f.getName(), sep)));
    out.println(String.join(String.valueOf(sep), header));
    long total = 0;
    for (; b != null; b = stream.next()) {
      try (VectorSchemaRoot batch = b) {
        for (int r = 0; r < batch.getRowCount(); r++, total++) {
          String[] row = row(batch, r, null);
          StringBuilder sb = new StringBuilder();
          for (int c = 0; c < row.length; c++) {
            sb.append(c == 0 ? "" : String.valueOf(sep)).append(row[c] == null ? "" : csv(row[c], sep));
          }
          out.println(sb);
        }
      }
    }
    return total;
  }

  private long json(BatchStream stream, Schema schema) {
    boolean[] numeric = numericColumns(schema);
    long total = 0;
    VectorSchemaRoot b = first(stream);
    out.print("[");
    for (; b != null; b = stream.next()) {
      try (VectorSchemaRoot batch = b) {
        for (int r = 0; r < batch.getRowCount(); r++, total++) {
          String[] row = row(batch, r, null);
          StringBuilder sb = new StringBuilder(total == 0 ? "\n{" : ",\n{");
          for (int c = 0; c < row.length; c++) {
            sb.append(c == 0 ? "" : ",").append(jsonString(schema.getFields().get(c).getName())).append(':');
            sb.append(row[c] == null ? "null" : numeric[c] && isJsonNumber(row[c]) ? row[c] : jsonString(row[c]));
          }
          out.print(sb.append('}'));
        }
      }
    }
    out.println(total == 0 ? "]" : "\n]");
    return total;
  }

  private long markdown(BatchStream stream, Schema schema) {
    VectorSchemaRoot b = first(stream);
    List<String> header = new ArrayList<>();
    schema.getFields().forEach(f -> header.add(f.getName()));
    out.println("| " + String.join(" | ", header) + " |");
    out.println("|" + "---|".repeat(header.size()));
    long total = 0;
    for (; b != null; b = stream.next()) {
      try (VectorSchemaRoot batch = b) {
        for (int r = 0; r < batch.getRowCount(); r++, total++) {
          String[] row = row(batch, r, "NULL");
          for (int c = 0; c < row.length; c++) {
            row[c] = row[c].replace("|", "\\|");
          }
          out.println("| " + String.join(" | ", row) + " |");
        }
      }
    }
    return total;
  }

  private static String[] row(VectorSchemaRoot batch, int r, String nullText) {
    List<FieldVector> vectors = batch.getFieldVectors();
    String[] row = new String[vectors.size()];
    for (int c = 0; c < row.length; c++) {
      String v = ValueFormatter.format(vectors.get(c), r);
      row[c] = v == null ? nullText : v;
    }
    return row;
  }

  private static boolean[] numericColumns(Schema schema) {
    boolean[] numeric = new boolean[schema.getFields().size()];
    for (int i = 0; i < numeric.length; i++) {
      var t = schema.getFields().get(i).getType();
      numeric[i] = t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Int
          || t instanceof org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint
          || t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Decimal;
    }
    return numeric;
  }

  private static boolean isJsonNumber(String s) {
    return !s.equals("NaN") && !s.contains("Infinity");
  }

  private static String csv(String s, char sep) {
    if (s.indexOf(sep) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
