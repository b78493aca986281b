package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.StatementResult;
import io.quiver.sql.statement.StatementSplitter;
import java.io.PrintStream;

/**
 * Runs the statements of {@code -c} or {@code -f} in order, stopping at the first error. The engine's
 * notices (e.g. a worker lost) go to {@code err}, so the results on {@code out} stay clean CSV or JSON.
 */
final class ScriptRunner {
  private final StatementRunner session;
  private final ResultPrinter printer;
  private final PrintStream err;

  ScriptRunner(StatementRunner session, PrintStream out, PrintStream err, OutputFormat format) {
    this.session = session;
    this.printer = new ResultPrinter(out, format, -1);
    this.err = err;
  }

  /** Runs every statement; throws the first error (a {@link QuiverException}). */
  void run(String script) {
    for (String statement : StatementSplitter.split(script)) {
      try (StatementResult r = session.execute(statement)) {
        printer.print(r);
      } finally {
        session.notices().forEach(n -> err.println("Note: " + n));
      }
    }
  }
}
