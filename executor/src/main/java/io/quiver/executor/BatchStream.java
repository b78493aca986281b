package io.quiver.executor;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A lazy, pull-based stream of Arrow batches: the interface every operator and source implements.
 *
 * <p>{@link #next()} hands ownership of the returned batch to the caller, who must close it. Nothing is
 * read or computed before the first {@code next()}. {@link #close()} releases everything the stream
 * still holds, and may be called before the stream is drained (e.g. under a LIMIT).
 */
public interface BatchStream extends AutoCloseable {
  /** The schema of every batch this stream returns. */
  Schema schema();

  /** The next non-empty or empty batch, owned by the caller, or {@code null} at the end. */
  VectorSchemaRoot next();

  /**
   * A hint: about how many more batches this stream will return (e.g. splits not yet read), or -1 when
   * it does not know. Never exact and never a promise; actor pools use it to start their actors at once
   * when much input is ahead instead of growing one actor at a time.
   */
  default long batchesAhead() {
    return -1;
  }

  @Override
  void close();
}
