package io.quiver.executor.source;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.MemoryLimit;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The splits of a line-oriented source (CSV, JSON lines): one per file, except that a file bigger than
 * the {@value #SETTING} setting (default {@value #DEFAULT_SIZE}; {@code 0} turns splitting off) is cut
 * into near-equal byte ranges of about that size (at most {@value #MAX_RANGES_PER_FILE} per file;
 * {@link FileRangeSplit}, read by {@link LineRangeInputStream}), so one huge file spreads over threads
 * and cluster tasks like many files do. A file is only cut when the source says its content allows it
 * (CSV: no quoted line breaks in a sample). Scans with a row limit hint read whole files, since they
 * stop early anyway. Every split carries its size, so cluster tasks take shares of equal bytes and tiny
 * files coalesce into one share.
 */
public final class LineSplits {
  /** The setting that sizes byte ranges. */
  public static final String SETTING = "file_split_size";
  /** The default range size: large enough that opening a range costs nothing in comparison. */
  public static final String DEFAULT_SIZE = "64m";
  /** At most this many ranges per file (a tiny setting must not turn a file into millions of splits). */
  static final long MAX_RANGES_PER_FILE = 4096;

  /** The source's answer per file to whether it may be cut, so each file is sampled once per source. */
  private final Map<String, Boolean> splittable = new ConcurrentHashMap<>();
  private final String function;
  private final Storage storage;
  private final Predicate<String> mayCut;

  /**
   * @param function the table function, for error messages
   * @param mayCut whether a (big) file's content allows cutting it at line feeds; asked at most once per file
   */
  public LineSplits(String function, Storage storage, Predicate<String> mayCut) {
    this.function = function;
    this.storage = storage;
    this.mayCut = mayCut;
  }

  /** The range size the context's settings ask for, in bytes; 0 or less: no cutting. */
  public static long rangeSize(ExecContext ctx) {
    String v = ctx.setting(SETTING, DEFAULT_SIZE);
    if (!MemoryLimit.isValid(v)) {
      throw new QuiverException("Invalid size '" + v + "' for setting " + SETTING + "; write e.g. '64m', or 0 to read"
          + " each file whole.");
    }
    return MemoryLimit.parse(v);
  }

  /**
   * What to add to a parse error in {@code split}: nothing for a whole file; for a byte range, that a
   * record spread over lines (which the file's sample did not show) may be the cause, and the way out.
   */
  public static String rangeHint(FileRangeSplit split) {
    return split.isWholeFile() ? "" : " The file is read in byte ranges, which breaks records that span lines (quoted"
        + " line breaks in CSV, objects over several lines in JSON); SET " + SETTING + " = 0 reads each file whole.";
  }

  /** The splits of {@code files}, in file order and, within a file, in byte order. */
  public List<SourceSplit> splits(List<String> files, ScanSpec spec, ExecContext ctx) {
    long rangeSize = spec.limit() >= 0 ? 0 : rangeSize(ctx);
    List<SourceSplit> out = new ArrayList<>(files.size());
    for (String file : files) {
      long size = size(file);
      long ranges = rangeSize <= 0 ? 1 : Math.min(MAX_RANGES_PER_FILE, (size + rangeSize - 1) / rangeSize);
      if (ranges <= 1 || !splittable.computeIfAbsent(file, mayCut::test)) {
        out.add(FileRangeSplit.whole(file, size));
        continue;
      }
      for (long r = 0; r < ranges; r++) {
        long start = size * r / ranges;
        long end = r == ranges - 1 ? FileRangeSplit.TO_END : size * (r + 1) / ranges;
        out.add(new FileRangeSplit(file, start, end, size));
      }
    }
    return out;
  }

  private long size(String file) {
    try {
      return storage.sizeHint(file);
    } catch (IOException e) {
      throw new QuiverException(function + ": cannot read '" + file + "': " + e.getMessage(), e);
    }
  }
}
