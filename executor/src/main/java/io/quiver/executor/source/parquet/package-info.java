/**
 * {@code read_parquet}: Parquet files read with Parquet-MR's column-level API straight into Arrow
 * vectors, one split per row group, with column pruning and row-group/page skipping from filters.
 */
package io.quiver.executor.source.parquet;
