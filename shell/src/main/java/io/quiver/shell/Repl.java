package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.StatementResult;
import io.quiver.sql.statement.StatementSplitter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: multi-line statements ending in ';', history in {@code ~/.quiver_history},
 * results as tables, and a few dot commands ({@code .help}, {@code .mode}, {@code .timing}, {@code .quit}).
 */
final class Repl {
  private static final String HELP = """
      Enter SQL statements ending in ';' (they may span lines). Commands:
        .help                                  this help
        .mode table|csv|tsv|json|markdown      how results are printed
        .timing on|off                         print how long each statement took
        .tables                                SHOW TABLES
        .quit                                  leave (or Ctrl-D)""";
  private static final int MAX_ROWS = 40;

  private final StatementRunner session;
  private OutputFormat format = OutputFormat.TABLE;
  private boolean timing;

  Repl(StatementRunner session) {
    this.session = session;
  }

  int run() {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("quiver")
          .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".quiver_history"))
          .build();
      PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
      out.println("Quiver — SQL over images and files. Statements end with ';'. Type .help for help.");
      StringBuilder buffer = new StringBuilder();
      while (true) {
        String line;
        try {
          line = reader.readLine(buffer.isEmpty() ? "quiver> " : "     -> ");
        } catch (UserInterruptException e) {
          buffer.setLength(0);
          continue;
        } catch (EndOfFileException e) {
          return 0;
        }
        if (buffer.isEmpty() && line.strip().startsWith(".")) {
          if (!command(line.strip(), out)) {
            return 0;
          }
          continue;
        }
        buffer.append(line).append('\n');
        if (StatementSplitter.isComplete(buffer.toString())) {
          runStatements(buffer.toString(), out);
          buffer.setLength(0);
        }
      }
    } catch (IOException e) {
      System.err.println("Error: cannot open the terminal: " + e.getMessage());
      return 1;
    }
  }

  private void runStatements(String text, PrintStream out) {
    for (String statement : StatementSplitter.split(text)) {
      long start = System.nanoTime();
      try (StatementResult r = session.execute(statement)) {
        new ResultPrinter(out, format, format == OutputFormat.TABLE ? MAX_ROWS : -1).print(r);
      } catch (QuiverException e) {
        out.println("Error: " + e.getMessage());
        return;
      }
      if (timing) {
        out.printf("Run time: %.3f s%n", (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** Runs a dot command; false means quit. */
  private boolean command(String cmd, PrintStream out) {
    String[] parts = cmd.split("\\s+");
    switch (parts[0]) {
      case ".quit", ".exit" -> {
        return false;
      }
      case ".help" -> out.println(HELP);
      case ".tables" -> runStatements("SHOW TABLES;", out);
      case ".mode" -> {
        try {
          format = OutputFormat.parse(parts.length > 1 ? parts[1] : "");
        } catch (IllegalArgumentException e) {
          out.println("Error: " + e.getMessage());
        }
      }
      case ".timing" -> timing = parts.length > 1 && parts[1].equalsIgnoreCase("on");
      default -> out.println("Unknown command " + parts[0] + "; type .help.");
    }
    return true;
  }
}
