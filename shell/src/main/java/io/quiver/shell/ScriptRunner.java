package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.StatementResult;
import io.quiver.sql.statement.StatementSplitter;
import java.io.PrintStream;

/** Runs the statements of {@code -c} or {@code -f} in order, stopping at the first error. */
final class ScriptRunner {
  private final StatementRunner session;
  private final ResultPrinter printer;

  ScriptRunner(StatementRunner session, PrintStream out, OutputFormat format) {
    this.session = session;
    this.printer = new ResultPrinter(out, format, -1);
  }

  /** Runs every statement; throws the first error (a {@link QuiverException}). */
  void run(String script) {
    for (String statement : StatementSplitter.split(script)) {
      try (StatementResult r = session.execute(statement)) {
        printer.print(r);
      }
    }
  }
}
