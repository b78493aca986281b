package io.quiver.shell;

import io.quiver.executor.QuiverException;
import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.Settings;
import io.quiver.server.cluster.WorkerMain;
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
             quiver server [--port 31337] [--host 127.0.0.1] [--users FILE | --user U]
                           [--tls-cert FILE --tls-key FILE [--tls-client-ca FILE]] [--token-ttl MINUTES]
                                              a Flight SQL server (JDBC: jdbc:arrow-flight-sql://HOST:PORT);
                                              --user takes its password from QUIVER_PASSWORD or asks
                           [--workers N] [--cluster-port P] [--secret-file FILE]
                                              with --workers: a cluster coordinator and N local worker processes
             quiver server --hash-password [--user U]   prints a users-file line for a password
             quiver worker --coordinator HOST:PORT [--cpus N] [--gpus N] [--memory 8g] [--port P] [--host H]
                           [--secret-file FILE]    a worker joining a cluster (secret: QUIVER_CLUSTER_SECRET or the file)
             quiver shell --connect HOST:PORT [--user U] [--tls [--tls-ca FILE]] [-c SQL | -f FILE]
                                              the shell as a client of a server (password: QUIVER_PASSWORD or asked)
      Settings also come from QUIVER_<KEY> environment variables, e.g. QUIVER_THREADS=2.""";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command line and returns the process exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("worker")) {
      // The worker has its own options (WorkerMain.USAGE); it runs until stopped.
      return WorkerMain.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
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
    if ("server".equals(o.subcommand)) {
      try {
        return ServerCommand.run(o, in, out, err);
      } catch (IOException | IllegalArgumentException | QuiverException e) {
        err.println("Error: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    if (o.connect != null) {
      try (RemoteSession remote = connect(o, in)) {
        return runStatements(remote, o, in, out, err);
      } catch (QuiverException e) {
        out.flush();
        err.println("Error: " + e.getMessage());
        return 1;
      } catch (IOException e) {
        err.println("Error: cannot read " + (o.file == null ? "the password" : o.file) + ": " + describe(e));
        return 1;
      }
    }
    try (QuiverEngine engine = new QuiverEngine(); Session session = engine.newSession()) {
      applySettings(session, o);
      return runStatements(new EmbeddedBackend(session), o, in, out, err);
    } catch (QuiverException e) {
      out.flush();
      err.println("Error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("Error: cannot read " + o.file + ": " + describe(e));
      return 1;
    }
  }

  private static int runStatements(ShellBackend runner, Options o, InputStream in, PrintStream out,
      PrintStream err) throws IOException {
    if (o.command == null && o.file == null) {
      return new Repl(runner).run();
    }
    OutputFormat format = o.format != null ? o.format
        : System.console() != null ? OutputFormat.TABLE : OutputFormat.CSV;
    String script = o.command != null ? o.command : readScript(o.file, in);
    new ScriptRunner(runner, out, err, format).run(script);
    out.flush();
    return 0;
  }

  private static RemoteSession connect(Options o, InputStream in) throws IOException {
    int colon = o.connect.lastIndexOf(':');
    if (colon <= 0) {
      throw new QuiverException("--connect needs HOST:PORT, got '" + o.connect + "'.");
    }
    int port;
    try {
      port = Integer.parseInt(o.connect.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new QuiverException("--connect needs HOST:PORT, got '" + o.connect + "'.");
    }
    String user = o.user == null ? "quiver" : o.user;
    RemoteSession remote = new RemoteSession(o.connect.substring(0, colon), port, user,
        ServerCommand.password(user, in), o.tls ? (o.tlsCa == null ? "" : o.tlsCa) : null);
    for (String kv : o.conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        remote.close();
        throw new QuiverException("--conf needs key=value, got '" + kv + "'.");
      }
      remote.execute("SET " + kv.substring(0, eq).trim() + " = '" + kv.substring(eq + 1).trim() + "'").close();
    }
    return remote;
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
    // quiver server
    String host = "127.0.0.1";
    int port = 31337;
    String usersFile;
    String user;
    String tlsCert;
    String tlsKey;
    String tlsClientCa;
    long tokenTtlMinutes = 60;
    boolean hashPassword;
    int workers;
    Integer clusterPort;
    String secretFile;
    // quiver shell --connect
    String connect;
    boolean tls;
    String tlsCa;

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
          case "--port" -> o.port = number(value(args, ++i, a), a);
          case "--host" -> o.host = value(args, ++i, a);
          case "--users" -> o.usersFile = value(args, ++i, a);
          case "--user" -> o.user = value(args, ++i, a);
          case "--tls-cert" -> o.tlsCert = value(args, ++i, a);
          case "--tls-key" -> o.tlsKey = value(args, ++i, a);
          case "--tls-client-ca" -> o.tlsClientCa = value(args, ++i, a);
          case "--token-ttl" -> o.tokenTtlMinutes = number(value(args, ++i, a), a);
          case "--hash-password" -> o.hashPassword = true;
          case "--workers" -> o.workers = number(value(args, ++i, a), a);
          case "--cluster-port" -> o.clusterPort = number(value(args, ++i, a), a);
          case "--secret-file" -> o.secretFile = value(args, ++i, a);
          case "--connect" -> o.connect = value(args, ++i, a);
          case "--tls" -> o.tls = true;
          case "--tls-ca" -> o.tlsCa = value(args, ++i, a);
          case "server", "shell" -> {
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
      if (o.connect != null && !"shell".equals(o.subcommand)) {
        throw new IllegalArgumentException("--connect belongs to 'quiver shell --connect HOST:PORT'.");
      }
      if ("shell".equals(o.subcommand) && o.connect == null) {
        throw new IllegalArgumentException("'quiver shell' needs --connect HOST:PORT (plain 'quiver' is the embedded shell).");
      }
      return o;
    }

    private static int number(String v, String flag) {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'.");
      }
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value.");
      }
      return args[i];
    }
  }
}
