package io.quiver.executor.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A place files live, addressed by location strings: a local path ({@code data/x.parquet},
 * {@code file:///tmp/x}) or an object URI ({@code s3://bucket/key}). Sources read through it and
 * {@code COPY} writes through it, so neither knows which kind of storage it talks to.
 */
public interface Storage {
  /**
   * Expands a table function's path argument (a file, a directory read recursively, or a glob) into file
   * locations sorted by location. Names starting with '.' or '_' under a directory are skipped, and under
   * a folder with a COPY {@code _SUCCESS} manifest only the files it lists are returned.
   *
   * @param function the table function, for error messages
   * @param extensions lower-case extensions without the dot to keep when listing directories or globs
   *     (empty: keep every file); a path naming a file directly is always kept
   */
  List<String> list(String function, String path, Set<String> extensions);

  /**
   * Every file under {@code location} (a directory or prefix, read recursively; hidden and '_' names
   * skipped), including files that a {@code _SUCCESS} manifest does not list, which {@link #list} leaves
   * out. COPY's OVERWRITE uses it to find the old files to delete. The default is {@link #list}, which
   * misses such files; implementations should override it.
   */
  default List<String> listAll(String location) {
    return list("COPY", location, Set.of());
  }

  /** The size of one file in bytes. */
  long size(String location) throws IOException;

  /** The size and version of one file, e.g. to tell whether a cached footer is still valid. */
  FileStat stat(String location) throws IOException;

  /** The whole content of one file. */
  byte[] readAll(String location) throws IOException;

  /** A stream over one file from its start. */
  InputStream open(String location) throws IOException;

  /**
   * A stream over one file from byte {@code offset} (past the end: an empty stream), for sources that
   * read a byte range of a file. The default skips from the start; implementations seek.
   */
  default InputStream openAt(String location, long offset) throws IOException {
    InputStream in = open(location);
    try {
      long left = offset;
      while (left > 0) {
        long n = in.skip(left);
        if (n <= 0) {
          if (in.read() < 0) {
            break;
          }
          n = 1;
        }
        left -= n;
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The size of one file as last seen, for planning how to cut it into splits: a listing may have told
   * it already (S3), saving a request per file. It may be stale, so nothing may depend on it for
   * correctness. The default is {@link #size}.
   */
  default long sizeHint(String location) throws IOException {
    return size(location);
  }

  /** {@code length} bytes of one file starting at {@code offset} (for Parquet footers and column chunks). */
  byte[] readRange(String location, long offset, int length) throws IOException;

  /** Whether a file exists at {@code location}, or any file under it when it names a directory/prefix. */
  boolean exists(String location) throws IOException;

  /** Deletes the file at {@code location} and everything under it; nothing there is not an error. */
  void deleteTree(String location) throws IOException;

  /**
   * Starts writing a new file at {@code location}. Its bytes stay invisible at {@code location} until
   * {@link StagedFile#commit()}; {@link StagedFile#abort()} leaves no trace.
   */
  StagedFile create(String location) throws IOException;

  /**
   * Starts writing a new file at {@code target/relative} whose staged bytes can be committed by another
   * process: after the stream is closed, {@link StagedFile#handle()} names them for {@link #resume}. The
   * staged bytes belong to the staging area {@code tag} of {@code target}, which {@link #dropStaging}
   * empties: locally a file under {@code target/_quiver_staging/tag/} (listings skip '_' names) renamed
   * into place on commit; on S3 a multipart upload to the final key, left incomplete until commit. On S3
   * the file name (after the last '/') must contain {@code tag}, since uploads are found by it.
   */
  default StagedFile createForHandOver(String target, String relative, String tag) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot stage files for handing over");
  }

  /** The staged file a {@link StagedFile#handle()} names, to commit or abort it; its stream is closed. */
  default StagedFile resume(String handle) throws IOException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume staged files");
  }

  /**
   * Drops every file of staging area {@code tag} of {@code target} that was not committed (those of task
   * attempts that failed, were abandoned or lost the race): locally the staging folder goes, on S3 every
   * incomplete multipart upload under {@code target/} whose file name contains {@code tag} is aborted.
   */
  default void dropStaging(String target, String tag) throws IOException {}

  /**
   * The storage that serves {@code location}: {@link S3Storage} for {@code s3://} URIs (configured by the
   * {@code s3_*} session {@code settings}, see {@link S3Config}), else the local file system.
   */
  static Storage of(String location, Map<String, String> settings) {
    return S3Location.isS3(location) ? S3Storage.forSettings(settings) : LocalStorage.INSTANCE;
  }
}
