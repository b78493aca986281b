package io.quiver.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Drives the interactive shell as a user at a terminal would: keystrokes go into a JLine terminal with
 * xterm-256color capabilities, a fixed size and a line discipline (Ctrl-C raises SIGINT as a tty would),
 * and everything the shell draws is captured for assertions.
 */
final class TerminalDriver implements AutoCloseable {
  private static final Pattern ANSI = Pattern.compile("\u001B(\\[[0-9;?=>]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78]|\\][^\u0007]*\u0007)");

  private final PipedOutputStream keys = new PipedOutputStream();
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final Thread shell;
  private final Terminal terminal;
  private volatile int exitCode = -1;
  private int mark;

  TerminalDriver(ShellBackend backend, Path history, int width) throws IOException {
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (screen) {
          screen.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (screen) {
          screen.write(b, off, len);
        }
      }
    };
    terminal = TerminalBuilder.builder().system(false).streams(in, out).type("xterm-256color")
        .encoding(StandardCharsets.UTF_8).size(new Size(width, 40)).build();
    // As a real tty starts: Ctrl-C raises SIGINT (which the shell handles), rather than being a key.
    Attributes attributes = terminal.getAttributes();
    attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
    terminal.setAttributes(attributes);
    shell = new Thread(() -> exitCode = new Repl(backend, terminal, history).run(), "shell-under-test");
    shell.setDaemon(true);
    shell.start();
  }

  /** Types keys (use \r for Enter, \t for TAB, \u0003 for Ctrl-C, \u0004 for Ctrl-D). */
  TerminalDriver type(String keystrokes) throws IOException {
    keys.write(keystrokes.getBytes(StandardCharsets.UTF_8));
    keys.flush();
    return this;
  }

  /** Everything drawn so far, raw (with escape sequences). */
  String raw() {
    synchronized (screen) {
      return screen.toString(StandardCharsets.UTF_8);
    }
  }

  /** Everything drawn so far, without escape sequences. */
  String text() {
    return ANSI.matcher(raw()).replaceAll("");
  }

  /**
   * Waits until the text drawn after the previous match contains {@code expected}; returns the text from
   * there to the end of this match. Fails with the screen's content after {@code timeout}.
   */
  String await(String expected, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      String text = text();
      String since = text.substring(Math.min(mark, text.length()));
      int at = since.indexOf(expected);
      if (at >= 0) {
        mark += at + expected.length();
        return since.substring(0, at + expected.length());
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("The shell did not show '" + expected + "' within " + timeout + "; it showed:\n" + since);
      }
      Thread.sleep(20);
    }
  }

  String await(String expected) throws InterruptedException {
    return await(expected, Duration.ofSeconds(20));
  }

  /** Ctrl-D and waits for the shell to end; returns its exit code. */
  int quit() throws IOException, InterruptedException {
    type("\u0004");
    shell.join(10_000);
    return exitCode;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (shell.isAlive()) {
      quit();
    }
    keys.close();
    terminal.close();
  }
}
