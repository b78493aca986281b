package io.quiver.executor.source.binary;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceArgs;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.TableSource;
import io.quiver.executor.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code read_binary_files(path, include_paths => false)}: one row per file, its content in
 * {@code bytes} (VARBINARY) and, with {@code include_paths}, its location in {@code path} (VARCHAR).
 * Splits are runs of files; listing happens on first need, reading only in {@link #open}.
 */
public final class ReadBinaryFilesSource implements TableSource {
  public static final String NAME = "read_binary_files";
  /** Files per split: enough to amortize a task, few enough to spread a folder over threads. */
  static final int FILES_PER_SPLIT = 64;

  private final String path;
  private final boolean includePaths;
  private final Storage storage;
  private List<String> files;

  /** A source over local files, or S3 with default settings. */
  public ReadBinaryFilesSource(Map<String, Object> arguments) {
    this(arguments, Map.of());
  }

  /** @param settings the session settings, which configure S3 access ({@code s3_*}) */
  public ReadBinaryFilesSource(Map<String, Object> arguments, Map<String, String> settings) {
    SourceArgs args = new SourceArgs(NAME, arguments, Set.of("path", "include_paths"));
    this.path = args.requiredString("path");
    this.includePaths = args.bool("include_paths", false);
    this.storage = Storage.of(path, settings);
  }

  @Override
  public Schema schema() {
    List<Field> fields = new ArrayList<>(2);
    fields.add(new Field("bytes", FieldType.nullable(ArrowType.Binary.INSTANCE), null));
    if (includePaths) {
      fields.add(new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
    }
    return new Schema(fields);
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    return new ArrayList<>(FileGroupSplit.group(files(),
        FileGroupSplit.filesPerSplit(FILES_PER_SPLIT, spec.limit())));
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    return new BinaryFileStream(((FileGroupSplit) split).files(), storage, spec.projectedSchema(schema()), ctx);
  }

  private synchronized List<String> files() {
    if (files == null) {
      files = storage.list(NAME, path, Set.of());
    }
    return files;
  }
}
