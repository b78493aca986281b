package io.quiver.executor.source;

/** One unit of a scan's work, e.g. a group of files or one Parquet row group. */
public interface SourceSplit {
  /** Where the data comes from, for error messages and EXPLAIN ANALYZE, e.g. a file path. */
  String description();
}
