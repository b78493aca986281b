package io.quiver.executor.source;

import io.quiver.executor.QuiverException;
import io.quiver.executor.source.binary.ReadBinaryFilesSource;
import io.quiver.executor.source.csv.CsvSource;
import io.quiver.executor.source.json.JsonSource;
import io.quiver.executor.source.parquet.ParquetSource;
import io.quiver.executor.source.image.ReadImagesSource;
import io.quiver.executor.source.range.RangeSource;
import java.util.Map;
import java.util.TreeMap;

/** The table functions the executor can read, by SQL name. */
public final class Sources {
  private static final Map<String, SourceFactory> FACTORIES = new TreeMap<>();

  static {
    // Each source registers here; see the classes in this package.
    register(ReadImagesSource.NAME, ReadImagesSource::new);
    register(ReadBinaryFilesSource.NAME, ReadBinaryFilesSource::new);
    register(RangeSource.NAME, (args, settings) -> new RangeSource(args));
    register("read_parquet", ParquetSource::new);
    register("read_csv", CsvSource::new);
    register("read_json", JsonSource::new);
  }

  private Sources() {}

  public static synchronized void register(String name, SourceFactory factory) {
    FACTORIES.put(name, factory);
  }

  /** Creates the named source with default settings (local files, S3 through the SDK's defaults). */
  public static TableSource create(String function, Map<String, Object> args) {
    return create(function, args, Map.of());
  }

  /**
   * Creates the named source; errors name the function and the argument at fault.
   *
   * @param settings the session settings (S3 access)
   */
  public static TableSource create(String function, Map<String, Object> args, Map<String, String> settings) {
    SourceFactory f;
    synchronized (Sources.class) {
      f = FACTORIES.get(function);
    }
    if (f == null) {
      throw new QuiverException("Unknown table function '" + function + "'.");
    }
    return f.create(args, settings);
  }
}
