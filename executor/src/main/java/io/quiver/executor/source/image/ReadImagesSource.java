package io.quiver.executor.source.image;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.TableSource;
import io.quiver.executor.source.binary.FileGroupSplit;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code read_images(path, include_paths => false, mode => null, size => null, shuffle => null,
 * seed => null, file_extensions => 'png,jpg,jpeg,bmp,gif', on_error => 'fail')}.
 *
 * <p>Columns: {@code image}, a UINT8 fixed-shape tensor of shape [H,W] (mode 'L') or [H,W,C] ('RGB',
 * 'RGBA'), and with {@code include_paths} the file's {@code path} as listed (so
 * {@code split_part(path, '/', -2)} is its folder). The shape comes from {@code size} ('HxW') and
 * {@code mode} when given, otherwise from the first file's header (only the header is read to know the
 * schema). Every image is converted to the mode; one of another size is resized bilinearly when
 * {@code size} was given and is an error otherwise. {@code shuffle => 'files'} shuffles the file order
 * (with {@code seed}, else the session seed, reproducibly). {@code on_error => 'skip'} drops files that
 * cannot be decoded and counts them ({@link #filesSkipped()}).
 */
public final class ReadImagesSource implements TableSource {
  public static final String NAME = ImageOptions.NAME;
  /** Files per split: one task's worth of small images. */
  static final int FILES_PER_SPLIT = 256;
  /** Pixel bytes per batch (and split) at most, so big images make smaller batches. */
  static final long BATCH_BYTES = 64L << 20;

  /** What the scans of this source did, for tests and statistics. */
  static final class Counters {
    final AtomicLong opened = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
  }

  private final ImageOptions options;
  private final Storage storage;
  private final Counters counters = new Counters();
  private List<String> files;
  private ImageLayout layout;

  /** A source over local files, or S3 with default settings. */
  public ReadImagesSource(Map<String, Object> arguments) {
    this(arguments, Map.of());
  }

  /** @param settings the session settings, which configure S3 access ({@code s3_*}) */
  public ReadImagesSource(Map<String, Object> arguments, Map<String, String> settings) {
    this.options = ImageOptions.parse(arguments);
    this.storage = Storage.of(options.path(), settings);
  }

  @Override
  public Schema schema() {
    List<Field> fields = new ArrayList<>(2);
    fields.add(layout().tensorType().field("image", true));
    if (options.includePaths()) {
      fields.add(new Field("path", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
    }
    return new Schema(fields);
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    ImageLayout l = layout();
    List<String> order = files();
    if (options.shuffleFiles()) {
      order = new ArrayList<>(order);
      Long seed = options.seed() != null ? options.seed() : ctx.seed();
      Collections.shuffle(order, seed == null ? new Random() : new Random(seed));
    }
    int perSplit = FileGroupSplit.filesPerSplit((int) Math.min(FILES_PER_SPLIT, rowsPerBatch(l, ctx)), spec.limit());
    List<SourceSplit> splits = new ArrayList<>();
    for (FileGroupSplit group : FileGroupSplit.group(order, perSplit)) {
      splits.add(new ImageSplit(group, l));
    }
    return splits;
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    ImageSplit s = (ImageSplit) split;
    return new ImageFileStream(s, options, storage, spec.projectedSchema(schema()), ctx,
        rowsPerBatch(s.layout(), ctx), counters);
  }

  /** Files this source's scans tried to decode so far. */
  public long filesOpened() {
    return counters.opened.get();
  }

  /** Files this source's scans skipped as undecodable so far ({@code on_error => 'skip'}). */
  public long filesSkipped() {
    return counters.skipped.get();
  }

  private static int rowsPerBatch(ImageLayout l, ExecContext ctx) {
    long byBytes = Math.max(1, BATCH_BYTES / Math.max(1, l.bytes()));
    return (int) Math.max(1, Math.min(ctx.batchSize(), byBytes));
  }

  private synchronized List<String> files() {
    if (files == null) {
      files = storage.list(NAME, options.path(), options.extensions());
    }
    return files;
  }

  private synchronized ImageLayout layout() {
    if (layout == null) {
      layout = options.mode() != null && options.hasSize()
          ? new ImageLayout(options.mode(), options.height(), options.width(), null)
          : fromFirstHeader();
    }
    return layout;
  }

  /** The layout from the first file whose header reads (only the first, unless on_error skips). */
  private ImageLayout fromFirstHeader() {
    for (String file : files()) {
      ImageHeader header;
      try (InputStream in = storage.open(file)) {
        header = ImageHeader.read(in);
      } catch (IOException | RuntimeException e) {
        if (options.skipErrors()) {
          continue;
        }
        throw ImageOptions.decodeError(file, e);
      }
      return new ImageLayout(options.mode() != null ? options.mode() : header.mode(),
          options.hasSize() ? options.height() : header.height(),
          options.hasSize() ? options.width() : header.width(), file);
    }
    throw new QuiverException(NAME + ": found no " + (files().isEmpty() ? "" : "readable ")
        + "image files at '" + options.path() + "'"
        + (options.extensions().isEmpty() ? "" : " with extensions " + options.extensions())
        + ", so the image shape is unknown. Pass size => 'HxW' and mode => 'L'|'RGB'|'RGBA' to read"
        + " possibly empty folders.");
  }
}
