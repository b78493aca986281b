package io.quiver.executor.source.parquet;

import io.quiver.executor.source.SourceSplit;
import java.nio.file.Path;

/** One row group of one Parquet file ({@code rowGroup} indexes the file's footer). */
public record ParquetSplit(Path file, int rowGroup, long rowCount) implements SourceSplit {
  @Override
  public String description() {
    return file + " row group " + rowGroup;
  }
}
