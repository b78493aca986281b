package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code quiver} command: the interactive shell by default, {@code -c "SQL"} and {@code -f file}
 * for scripts, {@code --format} for their output, {@code --conf key=value} for settings.
 */
public final class Main {
  private static final String USAGE = """
      Usage: quiver [options]                 the interactive shell on the embedded engine
             quiver -c "SQL; SQL" [options]   run statements, print results, exit
             quiver -f script.sql [options]   the same for a file ('-' reads standard input)
      Options:
        --format table|csv|tsv|json|markdown  output format for -c/-f (default: table on a terminal, else csv)
        --conf key=value                      a session setting, as SET key = value (repeatable)
        -h, --help                            this help
      Settings also come from QUIVER_<KEY> environment variables, e.g. QUIVER_THREADS=2.""";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command line and returns the process exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("Error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (o.help) {
      out.println(USAGE);
      return 0;
    }
    if (o.subcommand != null) {
      err.println("Error: 'quiver " + o.subcommand + "' is not available in this version yet.");
      return 2;
    }
    try (QuiverEngine engine = new QuiverEngine(); Session session = engine.newSession()) {
      applySettings(session, o);
      if (o.command == null && o.file == null) {
        return new Repl(session).run();
      }
      OutputFormat format = o.format != null ? o.format
          : System.console() != null ? OutputFormat.TABLE : OutputFormat.CSV;
      String script = o.command != null ? o.command : readScript(o.file, in);
      new ScriptRunner(session, out, format).run(script);
      out.flush();
      return 0;
    } catch (QuiverException e) {
      out.flush();
      err.println("Error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("Error: cannot read " + o.file + ": " + describe(e));
      return 1;
    }
  }

  private static void applySettings(Session session, Options o) {
    // QUIVER_<SETTING> variables; other QUIVER_ variables (QUIVER_JAVA_OPTS, ...) belong to the launcher.
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      String key = e.getKey().startsWith("QUIVER_") ? e.getKey().substring(7).toLowerCase(Locale.ROOT) : null;
      if (key != null && Settings.isKnown(key)) {
        session.execute("SET " + key + " = '" + e.getValue() + "'").close();
      }
    }
    for (String kv : o.conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new QuiverException("--conf needs key=value, got '" + kv + "'.");
      }
      session.execute("SET " + kv.substring(0, eq).trim() + " = '" + kv.substring(eq + 1).trim() + "'").close();
    }
  }

  private static String readScript(String file, InputStream in) throws IOException {
    if (file.equals("-")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Files.readString(Path.of(file));
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
  }

  /** Parsed command-line options. */
  static final class Options {
    String command;
    String file;
    OutputFormat format;
    boolean help;
    String subcommand;
    final List<String> conf = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "-c" -> o.command = value(args, ++i, a);
          case "-f" -> o.file = value(args, ++i, a);
          case "--format" -> o.format = OutputFormat.parse(value(args, ++i, a));
          case "--conf" -> o.conf.add(value(args, ++i, a));
          case "-h", "--help" -> o.help = true;
          case "server", "worker", "shell" -> {
            if (i != 0) {
              throw new IllegalArgumentException("'" + a + "' must come first.");
            }
            o.subcommand = a;
          }
          default -> {
            if (a.startsWith("--format=")) {
              o.format = OutputFormat.parse(a.substring(9));
            } else if (a.startsWith("--conf=")) {
              o.conf.add(a.substring(7));
            } else {
              throw new IllegalArgumentException("Unknown argument '" + a + "'.");
            }
          }
        }
      }
      if (o.command != null && o.file != null) {
        throw new IllegalArgumentException("Give -c or -f, not both.");
      }
      return o;
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value.");
      }
      return args[i];
    }
  }
}
