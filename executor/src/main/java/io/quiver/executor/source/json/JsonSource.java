package io.quiver.executor.source.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code read_json(path)}: JSON lines files, one object per line (a file, a directory read recursively
 * for {@code *.json}, {@code *.jsonl} and {@code *.ndjson}, or a glob), one split per file, or per byte
 * range of a big file ({@link LineSplits}). The columns
 * are the union of the keys of the first {@value #SAMPLE_LINES} objects of the first file, in first-seen
 * order, typed as {@link JsonKind} says. A key missing from an object is NULL; keys first seen after the
 * sample are ignored; when a key repeats within one object the first value counts. A value that does
 * not fit its column's type (a string in a BIGINT column), a line that is not an object, and invalid
 * JSON are errors naming the file and line (for a byte range of a file: the range, and the line counted
 * from the range's start).
 *
 * <p>Byte ranges: JSON strings cannot hold a raw line feed, so in a file of one object per line every
 * line feed ends an object, and a range reads the lines that start in it. A big file is only cut when
 * each complete line of its first {@value #CUT_SAMPLE_BYTES} bytes holds exactly one object (objects
 * spread over several lines are read whole, per file). Should such an object come later, the ranges
 * around the boundary that falls into it fail with invalid-JSON errors rather than return wrong rows.
 */
public final class JsonSource implements TableSource {
  static final String FUNCTION = "read_json";
  static final int SAMPLE_LINES = 1000;
  /** How much of a big file is checked for one-object-per-line before cutting it into byte ranges. */
  static final int CUT_SAMPLE_BYTES = 1 << 20;
  static final JsonFactory JSON = JsonFactory.builder().build();

  private final Storage storage;
  private final List<String> files;
  private final List<String> names;
  private final List<JsonKind> kinds;
  private final Schema schema;
  private final LineSplits lineSplits;

  /** A source over local files, or S3 with default settings. */
  public JsonSource(Map<String, Object> args) {
    this(args, Map.of());
  }

  /** @param settings the session settings, which configure S3 access ({@code s3_*}) */
  public JsonSource(Map<String, Object> args, Map<String, String> settings) {
    Object path = args.get("path");
    if (!(path instanceof String p)) {
      throw new QuiverException(FUNCTION + ": the path argument must be a string, got " + path + ".");
    }
    this.storage = Storage.of(p, settings);
    this.files = storage.list(FUNCTION, p, Set.of("json", "jsonl", "ndjson"));
    Map<String, JsonKind> inferred = infer(files.get(0));
    this.names = List.copyOf(inferred.keySet());
    this.kinds = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, JsonKind> e : inferred.entrySet()) {
      JsonKind k = e.getValue() == null ? JsonKind.VARCHAR : e.getValue();
      kinds.add(k);
      fields.add(Field.nullable(e.getKey(), k.arrow));
    }
    this.schema = new Schema(fields);
    this.lineSplits = new LineSplits(FUNCTION, storage, this::mayCut);
  }

  /** Opens a file for Jackson (UTF-8 with malformed bytes replaced). */
  JsonParser open(String file) throws IOException {
    return JSON.createParser(new InputStreamReader(storage.open(file), StandardCharsets.UTF_8));
  }

  /** Opens the objects of one split (a whole file or a byte range of one) for Jackson. */
  JsonParser open(FileRangeSplit split) throws IOException {
    return JSON.createParser(new InputStreamReader(LineRangeInputStream.open(storage, split), StandardCharsets.UTF_8));
  }

  /** Whether a big file may be cut at line feeds: each complete line of its sample is one whole object. */
  private boolean mayCut(String file) {
    byte[] sample;
    try (InputStream in = storage.open(file)) {
      sample = in.readNBytes(CUT_SAMPLE_BYTES);
    } catch (IOException e) {
      throw new QuiverException(FUNCTION + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
    return oneObjectPerLine(new String(sample, StandardCharsets.UTF_8));
  }

  /** Whether every complete (line-feed-terminated), non-blank line of {@code text} is exactly one JSON object. */
  static boolean oneObjectPerLine(String text) {
    int lineStart = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', lineStart)) {
      String line = text.substring(lineStart, nl);
      lineStart = nl + 1;
      if (line.isBlank()) {
        continue;
      }
      try (JsonParser p = JSON.createParser(line)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return false;
        }
        p.skipChildren();
        if (p.nextToken() != null) {
          return false;
        }
      } catch (IOException e) {
        return false; // an object spread over lines, or not JSON lines at all: read the file whole
      }
    }
    return true;
  }

  private Map<String, JsonKind> infer(String file) {
    Map<String, JsonKind> columns = new LinkedHashMap<>();
    try (JsonParser parser = open(file)) {
      for (int n = 0; n < SAMPLE_LINES; n++) {
        JsonToken t = parser.nextToken();
        if (t == null) {
          break;
        }
        if (t != JsonToken.START_OBJECT) {
          throw notAnObject(file, parser);
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonKind kind = kindOf(parser.nextToken());
          if (kind != null || !columns.containsKey(key)) {
            columns.put(key, JsonKind.merge(columns.get(key), kind));
          }
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw invalid(file, e);
    } catch (IOException e) {
      throw new QuiverException(FUNCTION + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
    if (columns.isEmpty()) {
      throw new QuiverException(FUNCTION + ": '" + file + "' has no objects with keys, so it has no columns.");
    }
    return columns;
  }

  /** The kind a value token suggests, or null for JSON null. */
  private static JsonKind kindOf(JsonToken t) {
    switch (t) {
      case VALUE_NUMBER_INT:
        return JsonKind.BIGINT;
      case VALUE_NUMBER_FLOAT:
        return JsonKind.DOUBLE;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return JsonKind.BOOLEAN;
      case VALUE_NULL:
        return null;
      default:
        return JsonKind.VARCHAR;
    }
  }

  static QuiverException notAnObject(String file, JsonParser parser) {
    return new QuiverException(FUNCTION + ": '" + file + "' line " + parser.currentTokenLocation().getLineNr()
        + ": expected a JSON object, found " + describe(parser.currentToken()) + ".");
  }

  static String describe(JsonToken t) {
    switch (t) {
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return String.valueOf(t);
    }
  }

  static QuiverException invalid(String file, JsonProcessingException e) {
    long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    return new QuiverException(FUNCTION + ": '" + file + "' line " + line + ": invalid JSON (" + e.getOriginalMessage()
        + ").", e);
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
    return new JsonStream(this, (FileRangeSplit) split, names, kinds, spec, ctx);
  }
}
