package io.quiver.shell;

import io.quiver.server.StatementResult;

/** Runs one statement: the embedded {@link io.quiver.server.Session} or a {@link RemoteSession}. */
interface StatementRunner {
  /** Runs {@code sql}; the caller closes the result. Errors are {@link io.quiver.executor.QuiverException}s. */
  StatementResult execute(String sql);
}
