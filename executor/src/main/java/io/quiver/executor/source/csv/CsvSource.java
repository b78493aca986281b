package io.quiver.executor.source.csv;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.FileRangeSplit;
import io.quiver.executor.source.LineRangeInputStream;
import io.quiver.executor.source.LineSplits;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.TableSource;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code read_csv(path [, header => true] [, delimiter => ','] [, columns => 'a BIGINT, b VARCHAR'])}:
 * the records of one or more CSV files (a file, a directory read recursively for {@code *.csv} and
 * {@code *.tsv}, or a glob), one split per file, or per byte range of a big file ({@link LineSplits}).
 *
 * <ul>
 *   <li>{@code header}: whether each file's first record holds column names (it is skipped either way
 *       when true). Without a header, columns are named {@code column0, column1, ...}.
 *   <li>{@code delimiter}: one character; {@code '\t'} (backslash t) means a tab.
 *   <li>{@code columns}: declares names and types, see {@link CsvColumns} for the format; then nothing
 *       is inferred. Otherwise types are inferred from the first {@value #SAMPLE_ROWS} records of the
 *       first file: BOOLEAN, BIGINT, DOUBLE, DATE, TIMESTAMP, else VARCHAR.
 * </ul>
 *
 * <p>An empty field is NULL, except that a quoted empty field ({@code ""}) in a VARCHAR column is the
 * empty string. Every record must have one field per column. Errors name the file and line (for a byte
 * range of a file: the range, and the line counted from the range's first record).
 *
 * <p>Byte ranges: a range reads the records that start in it, found by line feeds, and only the range
 * at the start of the file skips the header. A line feed inside a quoted field would make such a cut
 * wrong, so a big file is only cut when its first {@value #CUT_SAMPLE_BYTES} bytes hold no quoted line
 * break (else it is read whole). Should a later part of the file have one that a range boundary falls
 * into, the range before the boundary ends inside the quotes and the query fails with an error saying
 * so (rather than returning wrong rows); {@code SET file_split_size = 0} then reads files whole. (DuckDB
 * takes the same bet in its parallel reader.)
 */
public final class CsvSource implements TableSource {
  static final String FUNCTION = "read_csv";
  static final int SAMPLE_ROWS = 1000;
  /** How much of a big file is checked for quoted line breaks before cutting it into byte ranges. */
  static final int CUT_SAMPLE_BYTES = 1 << 20;

  private final Storage storage;
  private final List<String> files;
  private final boolean header;
  private final char delimiter;
  private final CsvColumns columns;
  private final boolean declared;
  private final Schema schema;
  private final LineSplits lineSplits;

  /** A source over local files, or S3 with default settings. */
  public CsvSource(Map<String, Object> args) {
    this(args, Map.of());
  }

  /** @param settings the session settings, which configure S3 access ({@code s3_*}) */
  public CsvSource(Map<String, Object> args, Map<String, String> settings) {
    Object path = args.get("path");
    if (!(path instanceof String p)) {
      throw new QuiverException(FUNCTION + ": the path argument must be a string, got " + path + ".");
    }
    this.header = bool(args, "header", true);
    this.delimiter = delimiter(args.get("delimiter"));
    this.storage = Storage.of(p, settings);
    this.files = storage.list(FUNCTION, p, Set.of("csv", "tsv"));
    Object declared = args.get("columns");
    if (declared != null && !(declared instanceof String)) {
      throw new QuiverException(FUNCTION + ": columns must be a string like 'a BIGINT, b VARCHAR', got " + declared + ".");
    }
    this.declared = declared != null;
    this.columns = declared != null ? CsvColumns.declared(FUNCTION, (String) declared) : infer(files.get(0));
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < columns.names().size(); i++) {
      fields.add(Field.nullable(columns.names().get(i), columns.types().get(i).arrow));
    }
    this.schema = new Schema(fields);
    this.lineSplits = new LineSplits(FUNCTION, storage, this::mayCut);
  }

  private static boolean bool(Map<String, Object> args, String name, boolean fallback) {
    Object v = args.getOrDefault(name, fallback);
    if (!(v instanceof Boolean b)) {
      throw new QuiverException(FUNCTION + ": " + name + " must be true or false, got " + v + ".");
    }
    return b;
  }

  private static char delimiter(Object v) {
    if (v == null) {
      return ',';
    }
    String s = v.toString();
    if (s.equals("\\t")) {
      return '\t';
    }
    if (s.length() != 1 || s.charAt(0) == '"' || s.charAt(0) == '\n' || s.charAt(0) == '\r') {
      throw new QuiverException(FUNCTION + ": the delimiter must be one character other than a quote or"
          + " a line break, got '" + s + "'.");
    }
    return s.charAt(0);
  }

  /** Opens a file as UTF-8 text (malformed bytes become U+FFFD). */
  private Reader open(String file) throws IOException {
    return new InputStreamReader(storage.open(file), StandardCharsets.UTF_8);
  }

  CsvParser parser(String file) throws IOException {
    return new CsvParser(open(file), delimiter);
  }

  /** A parser over the records of one split (a whole file or a byte range of one). */
  CsvParser parser(FileRangeSplit split) throws IOException {
    return new CsvParser(new InputStreamReader(LineRangeInputStream.open(storage, split), StandardCharsets.UTF_8),
        delimiter);
  }

  /** Whether a big file may be cut at line feeds: its sample has no quoted line break. */
  private boolean mayCut(String file) {
    byte[] sample;
    try (InputStream in = storage.open(file)) {
      sample = in.readNBytes(CUT_SAMPLE_BYTES);
    } catch (IOException e) {
      throw new QuiverException(FUNCTION + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
    return !hasQuotedLineBreak(new String(sample, StandardCharsets.UTF_8), delimiter);
  }

  /**
   * Whether {@code text} (the start of a CSV file) has a line break inside a quoted field, following
   * {@link CsvParser}'s rules: a field is quoted when it starts with a quote; {@code ""} inside is a quote.
   */
  static boolean hasQuotedLineBreak(String text, char delimiter) {
    boolean fieldStart = true;
    boolean inQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
        } else if (c == '\n' || c == '\r') {
          return true;
        }
      } else if (fieldStart && c == '"') {
        inQuotes = true;
        fieldStart = false;
      } else {
        fieldStart = c == delimiter || c == '\n' || c == '\r';
      }
    }
    return false;
  }

  private CsvColumns infer(String file) {
    try (CsvParser parser = parser(file)) {
      List<String> names = new ArrayList<>();
      if (header && parser.next()) {
        for (int i = 0; i < parser.size(); i++) {
          names.add(parser.field(i).strip());
        }
      }
      CsvColumns.Inference inference = new CsvColumns.Inference();
      int width = names.size();
      for (int row = 0; row < SAMPLE_ROWS && parser.next(); row++) {
        width = Math.max(width, parser.size());
        for (int i = 0; i < parser.size(); i++) {
          inference.add(i, parser.field(i));
        }
      }
      if (width == 0) {
        throw new QuiverException(FUNCTION + ": '" + file + "' is empty, so its columns cannot be inferred;"
            + " declare them with columns => 'name TYPE, ...'.");
      }
      List<CsvType> types = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        types.add(inference.type(i));
      }
      return new CsvColumns(uniqueNames(names, width), types);
    } catch (CsvParser.CsvSyntaxException e) {
      throw new QuiverException(FUNCTION + ": '" + file + "' line " + e.line() + ": " + e.getMessage() + ".");
    } catch (IOException e) {
      throw new QuiverException(FUNCTION + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
  }

  /** Header names made usable: blanks become columnN, repeats get a _1, _2 suffix. */
  private static List<String> uniqueNames(List<String> header, int width) {
    List<String> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < width; i++) {
      String base = i < header.size() && !header.get(i).isEmpty() ? header.get(i) : "column" + i;
      String name = base;
      for (int k = 1; !used.add(name.toLowerCase(java.util.Locale.ROOT)); k++) {
        name = base + "_" + k;
      }
      out.add(name);
    }
    return out;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    return lineSplits.splits(files, spec, ctx);
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    return new CsvStream(this, (FileRangeSplit) split, spec, ctx);
  }

  boolean header() {
    return header;
  }

  CsvColumns columns() {
    return columns;
  }

  /** Whether the types came from the {@code columns} argument rather than inference. */
  boolean declared() {
    return declared;
  }
}
