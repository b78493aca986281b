package io.quiver.executor.source.parquet;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * Where Parquet bytes come from: turns a file location into a Parquet-MR {@link InputFile} (the seam
 * where an S3 input file will plug in) and reads footers, caching them by path, size and modification
 * time so that the many source instances of one query (one per split) parse each footer once.
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

  private record CachedFooter(long length, long modified, ParquetMetadata footer) {}

  private ParquetFiles() {}

  /**
   * Read options for one reader. A plain (non-Hadoop) configuration avoids parsing Hadoop's XML
   * defaults per row group, and each reader gets its own codec factory because decompressors are
   * stateful and the reader releases its factory when it closes.
   */
  static ParquetReadOptions.Builder readOptions() {
    PlainParquetConfiguration conf = new PlainParquetConfiguration();
    return ParquetReadOptions.builder(conf).withCodecFactory(new CodecFactory(conf, 0));
  }

  /** The input file for a location; today local paths only. */
  static InputFile input(Path file) {
    return new LocalInputFile(file);
  }

  /** The footer of {@code file}, from the cache when the file is unchanged. */
  static ParquetMetadata footer(Path file) {
    String key = file.toAbsolutePath().normalize().toString();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new QuiverException("read_parquet: cannot read '" + file + "': " + e.getMessage(), e);
    }
    long modified = attrs.lastModifiedTime().toMillis();
    synchronized (CACHE) {
      CachedFooter c = CACHE.get(key);
      if (c != null && c.length() == attrs.size() && c.modified() == modified) {
        return c.footer();
      }
    }
    ParquetMetadata footer = readFooter(file);
    synchronized (CACHE) {
      CACHE.put(key, new CachedFooter(attrs.size(), modified, footer));
    }
    return footer;
  }

  private static ParquetMetadata readFooter(Path file) {
    InputFile in = input(file);
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
  static QuiverException corrupt(Path file, String what, Throwable cause) {
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
