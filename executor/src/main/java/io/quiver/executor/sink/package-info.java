/**
 * {@code COPY ... TO}: writers that turn Arrow batches into Parquet, CSV and JSON-lines files, hive-style
 * partitioning, and the commit protocol that makes a COPY's output appear whole or not at all. Every
 * file goes through {@link io.quiver.executor.storage.Storage} as a staged file; {@link
 * io.quiver.executor.sink.CopyWriter} is the entry point.
 */
package io.quiver.executor.sink;
