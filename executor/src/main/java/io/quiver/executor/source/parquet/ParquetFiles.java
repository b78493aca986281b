package io.quiver.executor.source.parquet;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.FileStat;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.Storage;
import io.quiver.executor.storage.StorageIOException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Where Parquet bytes come from: turns a file location into a Parquet-MR {@link InputFile} (local files
 * through Parquet-MR's own, other storages through ranged reads, {@link StorageInputFile}) and reads
 * footers, caching them by location, size and version (modification time, ETag) so that the many source
 * instances of one query (one per split) parse each footer once.
 */
final class ParquetFiles {
  /** Footers are small (kilobytes) but a query over many files should not pin them all forever. */
  private static final int CACHE_ENTRIES = 512;

  private static final Map<String, CachedFooter> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CachedFooter> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };

  private record CachedFooter(long length, String version, ParquetMetadata footer) {}

  private ParquetFiles() {}

  /**
   * Read options for one reader. A plain (non-Hadoop) configuration avoids parsing Hadoop's XML
   * defaults per row group, and each reader gets its own codec factory because decompressors are
   * stateful and the reader releases its factory when it closes. Vectored reads let a remote input
   * fetch a row group's column chunks in parallel ({@link StorageInputStream#readVectored}); local
   * inputs do not offer them and read as before.
   */
  static ParquetReadOptions.Builder readOptions() {
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    return ParquetReadOptions.builder(conf).withCodecFactory(new CodecFactory(conf, 0)).withUseHadoopVectoredIo(true);
  }

  /** The input file for a location; its length comes from the footer cache when known. */
  static InputFile input(Storage storage, String file) {
    if (storage instanceof LocalStorage) {
      return new LocalInputFile(LocalStorage.path(file));
    }
    CachedFooter c;
    synchronized (CACHE) {
      c = CACHE.get(cacheKey(storage, file));
    }
    return new StorageInputFile(storage, file, c == null ? -1 : c.length());
  }

  private static String cacheKey(Storage storage, String file) {
    return storage instanceof LocalStorage ? LocalStorage.path(file).toAbsolutePath().normalize().toString() : file;
  }

  /** The footer of {@code file}, from the cache when the file is unchanged. */
  static ParquetMetadata footer(Storage storage, String file) {
    String key = cacheKey(storage, file);
    FileStat stat;
    try {
      stat = storage.stat(file);
    } catch (IOException e) {
      throw new QuiverException("read_parquet: cannot read '" + file + "': " + e.getMessage(), e);
    }
    synchronized (CACHE) {
      CachedFooter c = CACHE.get(key);
      if (c != null && c.length() == stat.size() && c.version().equals(stat.version())) {
        return c.footer();
      }
    }
    ParquetMetadata footer = readFooter(storage instanceof LocalStorage ? new LocalInputFile(LocalStorage.path(file))
        : new StorageInputFile(storage, file, stat.size()), file);
    synchronized (CACHE) {
      CACHE.put(key, new CachedFooter(stat.size(), stat.version(), footer));
    }
    return footer;
  }

  private static ParquetMetadata readFooter(InputFile in, String file) {
    ParquetReadOptions options = readOptions().build();
    try (SeekableInputStream stream = in.newStream()) {
      ParquetMetadata footer = ParquetFileReader.readFooter(in, options, stream);
      ParquetSanity.checkFooter(file, in.getLength(), footer);
      return footer;
    } catch (QuiverException e) {
      throw e;
    } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
      throw corrupt(file, "the footer", e);
    }
  }

  /** The error for a file that Parquet-MR could not decode; {@code what} says which part failed. */
  static QuiverException corrupt(String file, String what, Throwable cause) {
    StorageIOException failed = StorageIOException.find(cause);
    if (failed != null) { // the bytes never arrived: not the file's fault
      return new QuiverException("read_parquet: cannot read " + what + " of '" + file + "': " + failed.getMessage()
          + ".", cause);
    }
    if (cause instanceof OutOfMemoryError) {
      return new QuiverException("read_parquet: ran out of memory reading " + what + " of '" + file
          + "'; the sizes it declares may be corrupt, or the row group is too large for the memory given.", cause);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
    int newline = detail.indexOf('\n');
    if (newline >= 0) {
      detail = detail.substring(0, newline).strip(); // schemas and dumps follow the first line
    }
    if (detail.length() > 200) {
      detail = detail.substring(0, 200) + "...";
    }
    return new QuiverException("read_parquet: cannot read " + what + " of '" + file
        + "': the file is corrupt or uses an unsupported feature (" + detail + ").", cause);
  }
}
