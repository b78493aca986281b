package io.quiver.server;

import io.quiver.executor.QuiverException;
import org.apache.arrow.memory.OutOfMemoryException;

/** Turns unexpected exceptions into one-paragraph user errors; the original stays as the cause. */
final class Errors {
  private Errors() {}

  static QuiverException toUser(Throwable e) {
    if (e instanceof QuiverException q) {
      return q;
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause.getCause() instanceof QuiverException q) {
        return q;
      }
      cause = cause.getCause();
    }
    if (e instanceof OutOfMemoryException || e instanceof OutOfMemoryError) {
      return new QuiverException("Out of memory while running the query: " + e.getMessage()
          + ". Try a smaller batch_size, fewer threads, or more memory (-Xmx).", e);
    }
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new QuiverException("Internal error (" + what + "). This is a bug in Quiver; please report it with the statement.", e);
  }
}
