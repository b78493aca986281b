/**
 * {@code read_binary_files}: whole files as VARBINARY rows, and the pieces every file-per-row source
 * shares: {@link io.quiver.executor.source.binary.FileAccess} (the seam where S3 will plug in) and
 * {@link io.quiver.executor.source.binary.FileGroupSplit}.
 */
package io.quiver.executor.source.binary;
