package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.StatementResult;
import io.quiver.sql.statement.StatementSplitter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;

/**
 * The interactive shell: multi-line statements ending in ';' (edited and remembered as one entry),
 * history in {@code ~/.quiver_history}, syntax highlighting, context-aware TAB completion, results as
 * tables that fit the terminal with images drawn in it, live progress while a statement runs, Ctrl-C to
 * cancel it, and dot commands ({@code .help}).
 */
final class Repl {
  static final String HELP = """
      Enter SQL statements ending in ';' (they may span lines). Commands:
        .help                                  this help
        .mode table|csv|tsv|json|markdown      how results are printed
        .timing on|off                         print how long each statement took
        .images on|off                         draw image tensors (UINT8 [H,W] or [H,W,C]) of the first rows
        .tables                                SHOW TABLES
        .quit                                  leave (or Ctrl-D)
      Keys: TAB completes keywords, tables, columns, functions and paths in quotes; Up/Down and Ctrl-R
      search the history (~/.quiver_history); Ctrl-C cancels the running statement, or clears the line;
      Ctrl-D on an empty line leaves.""";
  /** Rows the table format shows; DuckDB shows 40 too. */
  static final int MAX_ROWS = 40;

  private final ShellBackend backend;
  private final Terminal given;
  private final Path historyFile;
  private OutputFormat format = OutputFormat.TABLE;
  private boolean timing;
  private boolean images = true;

  Repl(ShellBackend backend) {
    this(backend, null, Path.of(System.getProperty("user.home"), ".quiver_history"));
  }

  /** @param terminal the terminal to use (tests), or null for the system's */
  Repl(ShellBackend backend, Terminal terminal, Path historyFile) {
    this.backend = backend;
    this.given = terminal;
    this.historyFile = historyFile;
  }

  int run() {
    if (given != null) {
      return loop(given); // the caller's terminal: the caller closes it
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      return loop(terminal);
    } catch (IOException e) {
      System.err.println("Error: cannot open the terminal: " + e.getMessage());
      return 1;
    }
  }

  private int loop(Terminal terminal) {
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("quiver")
        .history(new SecretSafeHistory())
        .parser(new SqlLineParser())
        .completer(new SqlCompleter(backend.completions()))
        .highlighter(new SqlHighlighter())
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "     -> ")
        .variable(LineReader.INDENTATION, 2)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL (!=), not history expansion
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .option(LineReader.Option.INSERT_TAB, false)
        .option(LineReader.Option.AUTO_FRESH_LINE, true)
        .option(LineReader.Option.COMPLETE_MATCHER_TYPO, false) // offer what was typed, not look-alikes
        .build();
    PrintStream out = new PrintStream(terminal.output(), true, terminal.encoding());
    boolean smart = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    out.println("Quiver — SQL over images and files. Statements end with ';'. Type .help for help.");
    try {
      while (true) {
        String line;
        try {
          line = reader.readLine("quiver> ");
        } catch (UserInterruptException e) {
          continue; // Ctrl-C at the prompt clears the line
        } catch (EndOfFileException e) {
          return 0;
        }
        String t = line.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith(".")) {
          if (!command(t, terminal, out, smart)) {
            return 0;
          }
          continue;
        }
        runStatements(line, terminal, out, smart);
      }
    } finally {
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        out.println("Warning: could not save the history to " + historyFile + ": " + e.getMessage());
      }
    }
  }

  private void runStatements(String text, Terminal terminal, PrintStream out, boolean smart) {
    for (String statement : StatementSplitter.split(text)) {
      long start = System.nanoTime();
      ProgressDisplay progress = smart ? new ProgressDisplay(out, backend::progress,
          () -> new int[] {terminal.getWidth(), terminal.getHeight()}) : null;
      Runnable clear = progress == null ? () -> {} : progress::stop;
      boolean ok = true;
      try (CancelKey cancelKey = new CancelKey(terminal, backend::cancel);
          StatementResult r = backend.execute(statement)) {
        ResultPrinter.Display display = new ResultPrinter.Display(smart ? terminal.getWidth() : -1, smart,
            images ? imageColors(terminal) : ImagePreview.Colors.NONE, 3, clear);
        new ResultPrinter(out, format, format == OutputFormat.TABLE ? MAX_ROWS : -1, display).print(r);
      } catch (QuiverException e) {
        clear.run();
        out.println("Error: " + e.getMessage());
        ok = false;
      } catch (RuntimeException e) {
        clear.run();
        out.println("Error: " + e);
        ok = false;
      } finally {
        clear.run();
      }
      backend.notices().forEach(n -> out.println("Note: " + n));
      if (timing) {
        out.printf(Locale.ROOT, "Run time: %.3f s%n", (System.nanoTime() - start) / 1e9);
      }
      if (!ok) {
        return; // the statements after a failed one do not run
      }
    }
  }

  /** How images can be drawn here: 24-bit colour if the terminal says so, else 256 colours, else not. */
  static ImagePreview.Colors imageColors(Terminal terminal) {
    if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
      return ImagePreview.Colors.NONE;
    }
    String colorTerm = System.getenv("COLORTERM");
    if (colorTerm != null && (colorTerm.contains("truecolor") || colorTerm.contains("24bit"))) {
      return ImagePreview.Colors.TRUE_COLOR;
    }
    Integer colors = terminal.getNumericCapability(Capability.max_colors);
    if (colors != null && colors >= 0x1000000) {
      return ImagePreview.Colors.TRUE_COLOR;
    }
    return colors != null && colors >= 256 ? ImagePreview.Colors.XTERM_256 : ImagePreview.Colors.NONE;
  }

  /** Runs a dot command; false means quit. */
  private boolean command(String cmd, Terminal terminal, PrintStream out, boolean smart) {
    String[] parts = cmd.split("\\s+");
    switch (parts[0]) {
      case ".quit", ".exit" -> {
        return false;
      }
      case ".help" -> out.println(HELP);
      case ".tables" -> runStatements("SHOW TABLES;", terminal, out, smart);
      case ".mode" -> {
        try {
          format = OutputFormat.parse(parts.length > 1 ? parts[1] : "");
        } catch (IllegalArgumentException e) {
          out.println("Error: " + e.getMessage());
        }
      }
      case ".timing" -> timing = onOff(parts, timing, out);
      case ".images" -> images = onOff(parts, images, out);
      default -> out.println("Unknown command " + parts[0] + "; type .help.");
    }
    return true;
  }

  private static boolean onOff(String[] parts, boolean current, PrintStream out) {
    if (parts.length > 1 && parts[1].equalsIgnoreCase("on")) {
      return true;
    }
    if (parts.length > 1 && parts[1].equalsIgnoreCase("off")) {
      return false;
    }
    out.println("Use " + parts[0] + " on|off (it is " + (current ? "on" : "off") + ").");
    return current;
  }
}
