/**
 * {@code COPY ... TO}: writers that turn Arrow batches into Parquet, CSV and JSON-lines files, hive-style
 * partitioning, and the commit protocol that makes a COPY's output appear whole or not at all. Every
 * file goes through {@link io.quiver.executor.storage.Storage} as a staged file; {@link
 * io.quiver.executor.sink.CopyWriter} is the entry point. On a cluster each task runs a {@link
 * io.quiver.executor.sink.CopyWriteOperator}, which stages its files and hands them over as {@link
 * io.quiver.executor.sink.StagedOutput}s; the coordinator's CopyWriter commits them.
 */
package io.quiver.executor.sink;
