package io.quiver.executor.source;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.ScanOperator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/** Helpers shared by the source tests: a context, draining a scan into plain Java rows. */
public final class SourceTestSupport {
  private SourceTestSupport() {}

  /** The shared test data folder (the root pom passes its path; the default suits a module run). */
  public static Path sharedData() {
    return Paths.get(System.getProperty("quiver.sharedData", "../../shared/data"));
  }

  public static ExecContext context(BufferAllocator allocator, Map<String, String> settings) {
    return new ExecContext(allocator, settings, null, null);
  }

  /** Runs a scan of {@code source} to the end, handing every batch to {@code each} and closing it. */
  public static long scan(TableSource source, ScanSpec spec, ExecContext ctx, Consumer<VectorSchemaRoot> each) {
    long rows = 0;
    try (ScanOperator scan = new ScanOperator(source, spec, null, ctx)) {
      for (VectorSchemaRoot next = scan.next(); next != null; next = scan.next()) {
        try (VectorSchemaRoot batch = next) {
          rows += batch.getRowCount();
          each.accept(batch);
        }
      }
    }
    return rows;
  }

  public static ExecContext context(BufferAllocator allocator, int batchSize) {
    return new ExecContext(allocator, Map.of("batch_size", Integer.toString(batchSize)), null, null);
  }

  /** Every row of every split, values as returned by {@code getObject} (Text turned into String). */
  public static List<List<Object>> readAll(TableSource source, ScanSpec spec, ExecContext ctx) {
    List<List<Object>> rows = new ArrayList<>();
    for (SourceSplit split : source.splits(spec, ctx)) {
      try (BatchStream s = source.open(split, spec, ctx)) {
        for (VectorSchemaRoot next = s.next(); next != null; next = s.next()) {
          try (VectorSchemaRoot b = next) {
            for (int r = 0; r < b.getRowCount(); r++) {
              List<Object> row = new ArrayList<>();
              for (FieldVector v : b.getFieldVectors()) {
                row.add(plain(v.getObject(r)));
              }
              rows.add(row);
            }
          }
        }
      }
    }
    return rows;
  }

  /** Arrow's getObject values with Text as String, nested lists converted too. */
  public static Object plain(Object o) {
    if (o instanceof Text t) {
      return t.toString();
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object e : l) {
        out.add(plain(e));
      }
      return out;
    }
    return o;
  }

  /** Splits one RFC 4180 line; an unquoted empty field is null, a quoted one the empty string. */
  public static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        out.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    out.add(field.length() == 0 && !wasQuoted ? null : field.toString());
    return out;
  }

  /** One column of {@link #readAll} output. */
  public static List<Object> column(List<List<Object>> rows, int index) {
    List<Object> out = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      out.add(r.get(index));
    }
    return out;
  }
}
