package io.quiver.executor.source.parquet;

import io.quiver.executor.storage.Storage;
import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet-MR {@link InputFile} over any {@link Storage} (S3 in practice; local files use Parquet-MR's
 * own {@code LocalInputFile}), reading through ranged requests ({@link StorageInputStream}).
 */
final class StorageInputFile implements InputFile {
  private final Storage storage;
  private final String location;
  private long length;

  /** @param length the file's size if known (e.g. from a cached footer), else -1 to ask the storage */
  StorageInputFile(Storage storage, String location, long length) {
    this.storage = storage;
    this.location = location;
    this.length = length;
  }

  @Override
  public long getLength() throws IOException {
    if (length < 0) {
      length = storage.size(location);
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return new StorageInputStream(storage, location, getLength());
  }

  @Override
  public String toString() {
    return location;
  }
}
