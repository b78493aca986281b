/**
 * Where files live — the local disk or an S3 bucket — behind one interface, {@link
 * io.quiver.executor.storage.Storage}: listing, whole and ranged reads for the sources, and staged
 * writes ({@link io.quiver.executor.storage.StagedFile}) that become visible only when committed, which
 * is what makes {@code COPY} atomic. {@link io.quiver.executor.storage.Storage#of} picks the
 * implementation: {@link io.quiver.executor.storage.LocalStorage}, or {@link
 * io.quiver.executor.storage.S3Storage} for {@code s3://} URIs, configured by the {@code s3_*} session
 * settings ({@link io.quiver.executor.storage.S3Config}). Remote reads ahead of their reader run on
 * {@link io.quiver.executor.storage.StorageIO}'s pool; failed requests surface as {@link
 * io.quiver.executor.storage.StorageIOException}.
 */
package io.quiver.executor.storage;
