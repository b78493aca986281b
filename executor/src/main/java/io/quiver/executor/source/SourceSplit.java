package io.quiver.executor.source;

/** One unit of a scan's work, e.g. a group of files or one Parquet row group. */
public interface SourceSplit {
  /** Where the data comes from, for error messages and EXPLAIN ANALYZE, e.g. a file path. */
  String description();

  /**
   * How much work this split is relative to the other splits of the same scan: bytes where the source
   * knows them (a file or a byte range of one), rows where it knows those (a Parquet row group, a run of
   * a range), files for a group of files; 1 when nothing is known. Only ratios within one scan matter:
   * cluster tasks take contiguous runs of splits of near-equal total size
   * ({@link io.quiver.executor.cluster.SplitShare}). It must be the same in every process that lists
   * the splits, so it may not depend on anything but the listing.
   */
  default long sizeEstimate() {
    return 1;
  }
}
