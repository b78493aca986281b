package io.quiver.sql.statement;

import java.util.List;

/**
 * The options of a COPY statement as written, checked for names and value shapes (the executor
 * checks combinations). Null means "not given".
 *
 * @param format {@code parquet}, {@code csv} or {@code json} (lower case)
 * @param partitionBy PARTITION_BY columns (empty when not given)
 * @param overwrite OVERWRITE / OVERWRITE_OR_IGNORE
 * @param compression {@code snappy}, {@code zstd}, {@code gzip}, {@code none} (lower case)
 * @param fileSizeBytes FILE_SIZE_BYTES, a number or a size such as {@code '64MB'}
 * @param rowGroupSize ROW_GROUP_SIZE, rows per Parquet row group
 * @param header CSV: HEADER
 * @param delimiter CSV: DELIMITER / SEP, one character
 */
public record CopyOptions(String format, List<String> partitionBy, boolean overwrite, String compression,
    Long fileSizeBytes, Integer rowGroupSize, Boolean header, Character delimiter) {
  public CopyOptions {
    partitionBy = List.copyOf(partitionBy);
  }
}
