package io.quiver.shell;

import io.quiver.server.StatementResult;

/** Runs one statement: the embedded {@link io.quiver.server.Session} or a {@link RemoteSession}. */
interface StatementRunner {
  /** Runs {@code sql}; the caller closes the result. Errors are {@link io.quiver.executor.QuiverException}s. */
  StatementResult execute(String sql);

  /**
   * What the engine had to say about the statements run since the last call (e.g. a worker was lost and
   * its work ran again), oldest first; the shell prints them after each statement.
   */
  default java.util.List<String> notices() {
    return java.util.List.of();
  }
}
