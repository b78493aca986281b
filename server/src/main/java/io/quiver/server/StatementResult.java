package io.quiver.server;

import io.quiver.executor.BatchStream;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The outcome of one statement: a stream of rows (queries, SHOW, DESCRIBE, EXPLAIN) or a message (DDL,
 * SET). Closing it releases the stream and cancels any work still running.
 */
public final class StatementResult implements AutoCloseable {
  private final BatchStream rows;
  private final String message;
  private final Runnable onClose;

  private StatementResult(BatchStream rows, String message, Runnable onClose) {
    this.rows = rows;
    this.message = message;
    this.onClose = onClose;
  }

  public static StatementResult rows(BatchStream rows, Runnable onClose) {
    return new StatementResult(rows, null, onClose);
  }

  public static StatementResult message(String message) {
    return new StatementResult(null, message, () -> {});
  }

  /** True if this result has rows to read from {@link #stream()}. */
  public boolean hasRows() {
    return rows != null;
  }

  /** The rows; each batch returned by {@code next()} belongs to the caller, who closes it. */
  public BatchStream stream() {
    return rows;
  }

  public Schema schema() {
    return rows == null ? null : rows.schema();
  }

  /** A message for statements without rows, e.g. "Created table t.". */
  public String message() {
    return message;
  }

  @Override
  public void close() {
    try {
      if (rows != null) {
        rows.close();
      }
    } finally {
      onClose.run();
    }
  }
}
