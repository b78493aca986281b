/**
 * {@code read_csv}: RFC 4180 CSV files with a declared or inferred schema, one split per file, parsed
 * straight into Arrow vectors.
 */
package io.quiver.executor.source.csv;
