package io.quiver.server;

import io.quiver.executor.BatchStream;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The outcome of one statement: a stream of rows (queries, SHOW, DESCRIBE, EXPLAIN) or a message (DDL,
 * SET) with an update count (rows written, 0 for other statements). Closing it releases the stream and
 * cancels any work still running; {@link #cancel()} only asks the work to stop (from any thread).
 */
public final class StatementResult implements AutoCloseable {
  private final BatchStream rows;
  private final String message;
  private final long updateCount;
  private final Runnable onClose;
  private final Runnable onCancel;

  private StatementResult(BatchStream rows, String message, long updateCount, Runnable onClose, Runnable onCancel) {
    this.rows = rows;
    this.message = message;
    this.updateCount = updateCount;
    this.onClose = onClose;
    this.onCancel = onCancel;
  }

  public static StatementResult rows(BatchStream rows, Runnable onClose) {
    return rows(rows, onClose, () -> {});
  }

  /** Rows whose producer stops when {@code onCancel} runs (it may run on another thread, before close). */
  public static StatementResult rows(BatchStream rows, Runnable onClose, Runnable onCancel) {
    return new StatementResult(rows, null, -1, onClose, onCancel);
  }

  public static StatementResult message(String message) {
    return update(message, 0);
  }

  /** A message for a statement that wrote {@code count} rows (e.g. CREATE TABLE AS). */
  public static StatementResult update(String message, long count) {
    return new StatementResult(null, message, count, () -> {}, () -> {});
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

  /** Rows the statement wrote (CREATE TABLE AS), 0 for other statements without rows, -1 for rows. */
  public long updateCount() {
    return updateCount;
  }

  /** Asks the running work to stop; a blocked {@code next()} then fails with "Query cancelled.". */
  public void cancel() {
    onCancel.run();
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
