package io.quiver.shell;

import io.quiver.server.OperatorProgress;
import java.util.List;

/**
 * What the interactive shell needs from an engine beyond running statements: stopping the running one
 * (Ctrl-C), a live view of its operators (the progress lines) and the names completion offers.
 * Implemented for the embedded engine ({@link EmbeddedBackend}) and for {@code --connect} ({@link RemoteSession}).
 */
interface ShellBackend extends StatementRunner {
  /** Asks the running statement to stop; called from the terminal's signal thread. */
  void cancel();

  /** Operators of the running statement, root first; empty when unknown (a remote server). */
  default List<OperatorProgress> progress() {
    return List.of();
  }

  /** Names for completion, read fresh on each call (the catalog changes as statements run). */
  CompletionData completions();
}
