/**
 * {@code read_binary_files}: whole files as VARBINARY rows, and the pieces every file-per-row source
 * shares: {@link io.quiver.executor.source.binary.FileGroupSplit}. Files are read through
 * {@link io.quiver.executor.storage.Storage}, local or S3.
 */
package io.quiver.executor.source.binary;
