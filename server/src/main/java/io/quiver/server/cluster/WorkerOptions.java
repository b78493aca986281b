package io.quiver.server.cluster;

import java.nio.file.Path;
import java.util.Locale;

/** The command line of {@code quiver worker} (see {@link WorkerMain#USAGE}). */
final class WorkerOptions {
  String coordinator;
  String host = "127.0.0.1";
  int port = 0;
  double cpus = Runtime.getRuntime().availableProcessors();
  double gpus = 0;
  long memoryBytes = Runtime.getRuntime().maxMemory();
  Path secretFile;
  String id;
  Path cacheDir;
  long parentPid = -1;
  boolean help;

  static WorkerOptions parse(String[] args) {
    WorkerOptions o = new WorkerOptions();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--coordinator" -> o.coordinator = value(args, ++i, a);
        case "--host" -> o.host = value(args, ++i, a);
        case "--port" -> o.port = (int) number(value(args, ++i, a), a);
        case "--cpus" -> o.cpus = number(value(args, ++i, a), a);
        case "--gpus" -> o.gpus = number(value(args, ++i, a), a);
        case "--memory" -> o.memoryBytes = bytes(value(args, ++i, a));
        case "--secret-file" -> o.secretFile = Path.of(value(args, ++i, a));
        case "--id" -> o.id = value(args, ++i, a);
        case "--cache-dir" -> o.cacheDir = Path.of(value(args, ++i, a));
        case "--parent-pid" -> o.parentPid = (long) number(value(args, ++i, a), a);
        case "-h", "--help" -> o.help = true;
        default -> throw new IllegalArgumentException("Unknown argument '" + a + "'.");
      }
    }
    if (!o.help && o.coordinator == null) {
      throw new IllegalArgumentException("quiver worker needs --coordinator HOST:PORT.");
    }
    return o;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value.");
    }
    return args[i];
  }

  private static double number(String v, String flag) {
    try {
      double d = Double.parseDouble(v);
      if (d < 0 || Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number of at least 0, got '" + v + "'.");
    }
  }

  /** {@code 8g}, {@code 512m}, {@code 1024k} or plain bytes. */
  static long bytes(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    char c = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (c == 'k' || c == 'm' || c == 'g' || c == 't') {
      unit = c == 'k' ? 1L << 10 : c == 'm' ? 1L << 20 : c == 'g' ? 1L << 30 : 1L << 40;
      t = t.substring(0, t.length() - 1);
    }
    try {
      double v = Double.parseDouble(t.strip());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--memory needs a size such as 8g or 512m, got '" + text + "'.");
    }
  }
}
