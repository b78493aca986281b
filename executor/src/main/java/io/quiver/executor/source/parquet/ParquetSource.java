package io.quiver.executor.source.parquet;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.TableSource;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.Storage;
import io.quiver.executor.storage.StorageIO;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.statisticslevel.StatisticsFilter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * {@code read_parquet(path [, binary_as_string => false])}: the rows of one or more Parquet files (a
 * file, a directory read recursively for {@code *.parquet}, or a glob). The schema comes from the first
 * file's footer (see {@link ParquetSchemas} for the type mapping); every other file must map to the
 * same column names and types. Each row group is one split; splits whose column statistics prove that
 * no row can pass the scan's filters are left out, and with a limit and no filters only as many row
 * groups as the limit needs are listed. {@code binary_as_string} reads unannotated BINARY columns as
 * VARCHAR (older writers such as Impala store strings that way). Columns of the spec's
 * {@code dictionaryColumns} come out as {@link io.quiver.executor.vector.DictionaryVector}s where the
 * file has them dictionary-encoded.
 */
public final class ParquetSource implements TableSource {
  private static final String FUNCTION = "read_parquet";

  private final Storage storage;
  private final List<String> files;
  private final List<ParquetColumn> columns;
  private final Schema schema;
  private final boolean binaryAsString;
  /** Footers this source has used: a query checks each file's version once, not once per row group. */
  private final Map<String, ParquetMetadata> footers = new ConcurrentHashMap<>();

  /** A source over local files, or S3 with default settings. */
  public ParquetSource(Map<String, Object> args) {
    this(args, Map.of());
  }

  /** @param settings the session settings, which configure S3 access ({@code s3_*}) */
  public ParquetSource(Map<String, Object> args, Map<String, String> settings) {
    Object path = args.get("path");
    if (!(path instanceof String p)) {
      throw new QuiverException(FUNCTION + ": the path argument must be a string, got " + path + ".");
    }
    Object bas = args.getOrDefault("binary_as_string", Boolean.FALSE);
    if (!(bas instanceof Boolean)) {
      throw new QuiverException(FUNCTION + ": binary_as_string must be true or false, got " + bas + ".");
    }
    this.binaryAsString = (Boolean) bas;
    this.storage = Storage.of(p, settings);
    this.files = storage.list(FUNCTION, p, Set.of("parquet"));
    ParquetMetadata first = footer(files.get(0));
    this.columns = ParquetSchemas.columns(first.getFileMetaData(), binaryAsString);
    this.schema = ParquetSchemas.arrowSchema(columns);
  }

  /**
   * On remote storage, reads the footers of all files in parallel (each is one or two requests), so a
   * scan over many objects does not wait for them one by one.
   */
  private void prefetchFooters() {
    if (storage instanceof LocalStorage || files.size() < 2) {
      return;
    }
    List<Future<ParquetMetadata>> pending = new ArrayList<>(files.size());
    for (String file : files) {
      pending.add(StorageIO.pool().submit(() -> footer(file)));
    }
    for (Future<ParquetMetadata> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException(FUNCTION + ": interrupted while reading footers.", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new QuiverException(FUNCTION + ": " + e.getCause(), e);
      }
    }
  }

  private ParquetMetadata footer(String file) {
    return footers.computeIfAbsent(file, f -> ParquetFiles.footer(storage, f));
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    List<SourceSplit> splits = new ArrayList<>();
    long limit = spec.filters().isEmpty() ? spec.limit() : -1;
    long listed = 0;
    prefetchFooters();
    for (String file : files) {
      ParquetMetadata footer = footer(file);
      checkSameSchema(file, footer);
      FilterPredicate filter = filter(spec, footer);
      List<BlockMetaData> blocks = footer.getBlocks();
      for (int i = 0; i < blocks.size(); i++) {
        BlockMetaData b = blocks.get(i);
        if (b.getRowCount() == 0 || (filter != null && canDrop(filter, b))) {
          continue;
        }
        if (limit >= 0 && listed >= limit) {
          return splits;
        }
        splits.add(new ParquetSplit(file, i, b.getRowCount()));
        listed += b.getRowCount();
      }
    }
    return splits;
  }

  private static boolean canDrop(FilterPredicate filter, BlockMetaData block) {
    try {
      return StatisticsFilter.canDrop(filter, block.getColumns());
    } catch (RuntimeException e) {
      return false; // statistics we cannot interpret only cost us the skipping
    }
  }

  private FilterPredicate filter(ScanSpec spec, ParquetMetadata footer) {
    if (spec.filters().isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>(columns.size());
    for (ParquetColumn c : columns) {
      names.add(c.name());
    }
    return ParquetFilters.translate(spec.filters(), names, footer.getFileMetaData().getSchema());
  }

  /** Every file must give the same column names and types as the first one. */
  private void checkSameSchema(String file, ParquetMetadata footer) {
    if (file.equals(files.get(0))) {
      return;
    }
    List<Field> theirs = ParquetSchemas.arrowSchema(ParquetSchemas.columns(footer.getFileMetaData(), binaryAsString))
        .getFields();
    List<Field> ours = schema.getFields();
    boolean same = theirs.size() == ours.size();
    for (int i = 0; same && i < ours.size(); i++) {
      same = ours.get(i).getName().equals(theirs.get(i).getName()) && ours.get(i).getType().equals(theirs.get(i).getType())
          && ours.get(i).getChildren().equals(theirs.get(i).getChildren());
    }
    if (!same) {
      throw new QuiverException(FUNCTION + ": the files do not share one schema: '" + files.get(0) + "' has "
          + describe(ours) + " but '" + file + "' has " + describe(theirs) + ".");
    }
  }

  private static String describe(List<Field> fields) {
    List<String> parts = new ArrayList<>(fields.size());
    for (Field f : fields) {
      parts.add(f.getName() + " " + f.getType());
    }
    return "(" + String.join(", ", parts) + ")";
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    ParquetSplit s = (ParquetSplit) split;
    ParquetMetadata footer = footer(s.file());
    if (s.rowGroup() < 0 || s.rowGroup() >= footer.getBlocks().size()) {
      throw new QuiverException(FUNCTION + ": '" + s.file() + "' has no row group " + s.rowGroup()
          + " (the file changed while the query ran?).");
    }
    List<ParquetColumn> projected = new ArrayList<>(spec.projection().length);
    boolean[] dictionaryOk = new boolean[spec.projection().length];
    for (int k = 0; k < dictionaryOk.length; k++) {
      projected.add(columns.get(spec.projection()[k]));
      dictionaryOk[k] = spec.dictionaryColumns().contains(spec.projection()[k]);
    }
    return new RowGroupStream(storage, s.file(), footer, s.rowGroup(), projected, dictionaryOk, filter(spec, footer),
        spec.limit(), ctx);
  }
}
