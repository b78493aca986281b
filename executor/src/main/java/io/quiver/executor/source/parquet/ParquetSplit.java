package io.quiver.executor.source.parquet;

import io.quiver.executor.source.SourceSplit;

/** One row group of one Parquet file (a local path or {@code s3://} URI; {@code rowGroup} indexes its footer). */
public record ParquetSplit(String file, int rowGroup, long rowCount) implements SourceSplit {
  @Override
  public String description() {
    return file + " row group " + rowGroup;
  }

  /** Rows: the row groups of one scan share a schema, so rows weigh alike. */
  @Override
  public long sizeEstimate() {
    return rowCount;
  }
}
