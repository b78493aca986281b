package io.quiver.shell;

import io.quiver.server.OperatorProgress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Live progress of the running statement under the prompt, like Ray Data's progress bars: a line with
 * the elapsed time, then one line per operator (rows and batches so far; for a UDF actor pool the actors
 * busy and idle and the batches queued for them, which is where backpressure shows). Redrawn five times a
 * second in place, from a daemon thread, starting after a short delay so quick statements show nothing;
 * {@link #stop()} erases it before the result is printed.
 */
final class ProgressDisplay implements AutoCloseable {
  static final long DELAY_MILLIS = 300;
  static final long PERIOD_MILLIS = 200;
  private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

  private final PrintStream out;
  private final Supplier<List<OperatorProgress>> source;
  private final Supplier<int[]> size;
  private final long started = System.nanoTime();
  private final Thread thread;
  private final Object lock = new Object();
  private boolean drawn;
  private boolean stopped;

  /** @param size the terminal's {columns, rows}, read at each redraw (the window may be resized) */
  ProgressDisplay(PrintStream out, Supplier<List<OperatorProgress>> source, Supplier<int[]> size) {
    this.out = out;
    this.source = source;
    this.size = size;
    this.thread = new Thread(this::loop, "quiver-progress");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    try {
      Thread.sleep(DELAY_MILLIS);
      for (int tick = 0; ; tick++) {
        synchronized (lock) {
          if (stopped) {
            return;
          }
          draw(lines(source.get(), (System.nanoTime() - started) / 1_000_000, tick));
        }
        Thread.sleep(PERIOD_MILLIS);
      }
    } catch (InterruptedException e) {
      // stopped
    } catch (RuntimeException e) {
      // a progress line is never worth failing a statement
    }
  }

  private void draw(List<String> lines) {
    int[] wh = size.get();
    int width = Math.max(20, wh[0]) - 1; // never the last column: a wrapped line would break the redraw
    int max = Math.max(2, wh[1] - 2);
    StringBuilder sb = new StringBuilder("\r\033[J");
    int n = Math.min(lines.size(), max);
    for (int i = 0; i < n; i++) {
      String l = lines.get(i);
      sb.append(l.length() > width ? l.substring(0, width - 1) + "…" : l);
      if (i < n - 1) {
        sb.append('\n');
      }
    }
    if (n > 1) {
      sb.append("\033[").append(n - 1).append('A');
    }
    sb.append('\r');
    out.print(sb);
    out.flush();
    drawn = true;
  }

  /** The lines for a snapshot: the elapsed time, then the operators, indented as in the plan. */
  static List<String> lines(List<OperatorProgress> ops, long elapsedMillis, int tick) {
    List<String> out = new ArrayList<>();
    out.add(SPINNER[Math.floorMod(tick, SPINNER.length)] + String.format(Locale.ROOT, " running %.1f s  (Ctrl-C cancels)",
        elapsedMillis / 1000.0));
    int labelWidth = 0;
    for (OperatorProgress p : ops) {
      labelWidth = Math.max(labelWidth, 2 * p.depth() + p.operator().length());
    }
    for (OperatorProgress p : ops) {
      String label = "  ".repeat(p.depth()) + p.operator();
      StringBuilder sb = new StringBuilder("  ").append(label).append(" ".repeat(labelWidth - label.length()));
      if (!p.started()) {
        sb.append("  waiting");
      } else {
        sb.append(String.format(Locale.ROOT, "  %,13d rows %,9d batches", p.rows(), p.batches()));
      }
      if (p.pool()) {
        sb.append(String.format(Locale.ROOT, "  actors %d busy %d idle", p.busyActors(), p.idleActors()));
        if (p.queuedBatches() > 0) {
          sb.append(String.format(Locale.ROOT, "  %d batches queued (backpressure)", p.queuedBatches()));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** Stops redrawing and erases the lines; the caller prints at the cursor afterwards. Idempotent. */
  void stop() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (drawn) {
        out.print("\r\033[J");
        out.flush();
      }
    }
    thread.interrupt();
  }

  @Override
  public void close() {
    stop();
  }
}
