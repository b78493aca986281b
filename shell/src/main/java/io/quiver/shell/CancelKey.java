package io.quiver.shell;

import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Ctrl-C while a statement runs: the terminal goes raw (no echo, so typing does not scribble over the
 * progress lines; no signal keys) and a watcher thread cancels the statement when Ctrl-C arrives as a
 * key. This works the same on the process's own terminal and on a pseudo-terminal the process does not
 * own; a SIGINT sent some other way still cancels through the INT signal handler. Closing restores the
 * terminal; keys typed ahead (other than Ctrl-C) stay for the next prompt.
 */
final class CancelKey implements AutoCloseable {
  private static final int CTRL_C = 3;

  private final Terminal terminal;
  private final Attributes saved;
  private final Terminal.SignalHandler previousHandler;
  private final Thread watcher;
  private volatile boolean done;

  CancelKey(Terminal terminal, Runnable cancel) {
    this.terminal = terminal;
    this.previousHandler = terminal.handle(Terminal.Signal.INT, s -> cancel.run());
    this.saved = terminal.enterRawMode();
    Attributes raw = terminal.getAttributes();
    raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
    terminal.setAttributes(raw);
    this.watcher = new Thread(() -> watch(cancel), "quiver-cancel-key");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch(Runnable cancel) {
    NonBlockingReader in = terminal.reader();
    try {
      while (!done) {
        int c = in.peek(50);
        if (c == CTRL_C && !done) {
          in.read();
          cancel.run();
        } else if (c >= 0 || c == NonBlockingReader.EOF) {
          Thread.sleep(50); // a key typed ahead for the next prompt (or the end): leave it there
        }
      }
    } catch (IOException | InterruptedException e) {
      // the terminal went away or the statement ended
    }
  }

  @Override
  public void close() {
    done = true;
    try {
      watcher.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    terminal.setAttributes(saved);
    terminal.handle(Terminal.Signal.INT, previousHandler);
  }
}
