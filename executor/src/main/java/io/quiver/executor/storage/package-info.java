/**
 * Where files live — the local disk or an S3 bucket — behind one interface, {@link
 * io.quiver.executor.storage.Storage}: listing, whole and ranged reads for the sources, and staged
 * writes ({@link io.quiver.executor.storage.StagedFile}) that become visible only when committed, which
 * is what makes {@code COPY} atomic.
 */
package io.quiver.executor.storage;
