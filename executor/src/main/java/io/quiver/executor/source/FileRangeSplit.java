package io.quiver.executor.source;

/**
 * A split of a line-oriented file (CSV, JSON lines): the lines that start in bytes {@code [start, end)}
 * of {@code file} (a local path or {@code s3://} URI), read as {@link LineRangeInputStream} says.
 * {@code end} is {@link #TO_END} for the last range of a file, so a file that grew since it was sized
 * is still read to its end; a whole file is {@code [0, TO_END)}. {@code fileSize} is the size the
 * split was planned with (for {@link #sizeEstimate()} only).
 */
public record FileRangeSplit(String file, long start, long end, long fileSize) implements SourceSplit {
  /** The end of the last range of a file: read to the end of the file. */
  public static final long TO_END = Long.MAX_VALUE;

  /** The whole of a file of (about) {@code fileSize} bytes. */
  public static FileRangeSplit whole(String file, long fileSize) {
    return new FileRangeSplit(file, 0, TO_END, fileSize);
  }

  /** Whether this split is a whole file (so it has the file's header, if any). */
  public boolean isWholeFile() {
    return start == 0 && end == TO_END;
  }

  @Override
  public String description() {
    return isWholeFile() ? file : file + " (bytes " + start + ".." + (end == TO_END ? "end" : Long.toString(end)) + ")";
  }

  /** The bytes of the range (at least 1, since an empty file still costs an open). */
  @Override
  public long sizeEstimate() {
    return Math.max(1, Math.min(end, Math.max(fileSize, start)) - start);
  }
}
