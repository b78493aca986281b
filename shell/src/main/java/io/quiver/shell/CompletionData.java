package io.quiver.shell;

import java.util.List;

/**
 * The names the shell completes, from the engine: tables and views, their columns, the columns of a
 * table function call in FROM, and functions (built-in and user-defined). Implementations answer
 * quickly and never throw: an empty list is a fine answer.
 */
interface CompletionData {
  /** Tables and views of the session. */
  List<String> tables();

  /**
   * The columns of a FROM item: a table or view name, or a table function call as written, e.g.
   * {@code read_images('digits/', include_paths => true)}.
   */
  List<String> columns(String fromItem);

  /** Functions SQL can call: built-in scalar, aggregate and table functions and user functions. */
  List<String> functions();

  /** Table functions, offered after FROM next to the tables. */
  List<String> tableFunctions();
}
