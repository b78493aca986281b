package io.quiver.executor.source.binary;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * How file-per-row sources list and read files. Files are named by location strings (a local path as
 * the user gave it, later {@code s3://bucket/key}), which are also what the {@code path} column shows.
 * Only the local file system exists today; {@link #of} is where an S3 implementation will be chosen.
 */
public interface FileAccess {
  /** Expands a path argument (file, directory, glob) into file locations, sorted. */
  List<String> list(String function, String path, Set<String> extensions);

  /** The whole content of one file. */
  byte[] readAll(String location) throws IOException;

  /** A stream over one file, for readers that need only its beginning (e.g. an image header). */
  InputStream open(String location) throws IOException;

  /** The file access that serves {@code path}. */
  static FileAccess of(String path) {
    return LocalFileAccess.INSTANCE;
  }
}
