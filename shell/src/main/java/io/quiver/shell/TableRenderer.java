package io.quiver.shell;

import java.io.PrintStream;
import java.util.List;

/**
 * Draws rows as a box-drawn table with a name and a type line per column, as DuckDB's CLI does. The
 * table fits {@code maxWidth} (the terminal's width): the widest columns are narrowed first, values cut
 * with an ellipsis, and if that is not enough the last columns are left out (a "…" column says so).
 * NULL (a null cell) is shown as {@code NULL}, dimmed when colours are on.
 */
final class TableRenderer {
  /** Longer values are cut with an ellipsis so one wide column does not wreck the table. */
  private static final int MAX_WIDTH = 48;
  /** Columns are not narrowed below this (or their natural width, if smaller). */
  private static final int MIN_WIDTH = 6;
  private static final String NULL = "NULL";
  private static final String DIM = "\033[2m";
  private static final String RESET = "\033[0m";

  private final PrintStream out;
  private final int maxWidth;
  private final boolean color;

  TableRenderer(PrintStream out) {
    this(out, -1, false);
  }

  /** @param maxWidth the widest a line may be (-1: no limit) */
  TableRenderer(PrintStream out, int maxWidth, boolean color) {
    this.out = out;
    this.maxWidth = maxWidth;
    this.color = color;
  }

  /** Renders the table and returns how many columns it had to leave out (0 when all fit). */
  int render(List<String> header, List<String> types, List<String[]> rows, boolean[] rightAlign) {
    int n = header.size();
    int[] w = new int[n];
    for (int c = 0; c < n; c++) {
      w[c] = Math.max(width(header.get(c)), width(types.get(c)));
    }
    boolean cut = n > 1; // a lone column (EXPLAIN, a long text) is shown whole, unless the terminal is narrower
    for (String[] row : rows) {
      for (int c = 0; c < n; c++) {
        if (row[c] != null) {
          row[c] = cut ? cut(oneLine(row[c]), MAX_WIDTH) : oneLine(row[c]);
        }
        w[c] = Math.max(w[c], width(row[c] == null ? NULL : row[c]));
      }
    }
    int shown = fit(w, header);
    int hidden = n - shown;
    int[] sw = new int[shown + (hidden > 0 ? 1 : 0)];
    System.arraycopy(w, 0, sw, 0, shown);
    if (hidden > 0) {
      sw[shown] = 1;
    }
    out.println(line('┌', '┬', '┐', sw));
    out.println(cells(header, types, null, sw, shown, hidden, rightAlign, 0));
    out.println(cells(header, types, null, sw, shown, hidden, rightAlign, 1));
    out.println(line('├', '┼', '┤', sw));
    for (String[] row : rows) {
      out.println(cells(header, types, row, sw, shown, hidden, rightAlign, 2));
    }
    out.println(line('└', '┴', '┘', sw));
    return hidden;
  }

  /** Narrows {@code w} to fit {@link #maxWidth}; returns how many leading columns are shown. */
  private int fit(int[] w, List<String> header) {
    if (maxWidth <= 0) {
      return w.length;
    }
    int total = 1;
    for (int x : w) {
      total += x + 3;
    }
    // Narrow the widest column, one character at a time, but never below its header (up to 20
    // characters) or MIN_WIDTH: a column cut to a stub is worse than a column left out.
    int[] floor = new int[w.length];
    for (int c = 0; c < w.length; c++) {
      floor[c] = Math.min(w[c], Math.max(MIN_WIDTH, Math.min(width(header.get(c)), 20)));
    }
    while (total > maxWidth) {
      int widest = -1;
      for (int c = 0; c < w.length; c++) {
        if (w[c] > floor[c] && (widest < 0 || w[c] > w[widest])) {
          widest = c;
        }
      }
      if (widest < 0) {
        break;
      }
      w[widest]--;
      total--;
    }
    int shown = w.length;
    while (total > maxWidth && shown > 1) {
      shown--;
      total -= w[shown] + 3;
      if (shown == w.length - 1) {
        total += 4; // the "…" column
      }
    }
    return shown;
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String cut(String s, int width) {
    return width(s) <= width ? s : s.substring(0, s.offsetByCodePoints(0, Math.max(0, width - 1))) + "…";
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String line(char left, char mid, char right, int[] w) {
    StringBuilder sb = new StringBuilder().append(left);
    for (int c = 0; c < w.length; c++) {
      sb.append("─".repeat(w[c] + 2)).append(c == w.length - 1 ? right : mid);
    }
    return sb.toString();
  }

  /** One line: {@code kind} 0 = names, 1 = types, 2 = the values of {@code row}. */
  private String cells(List<String> header, List<String> types, String[] row, int[] w, int shown, int hidden,
      boolean[] right, int kind) {
    StringBuilder sb = new StringBuilder("│");
    for (int c = 0; c < shown; c++) {
      String v = kind == 0 ? header.get(c) : kind == 1 ? types.get(c) : row[c];
      boolean isNull = v == null;
      v = cut(isNull ? NULL : v, w[c]);
      int pad = w[c] - width(v);
      int before = kind < 2 ? pad / 2 : right[c] ? pad : 0;
      sb.append(' ').append(" ".repeat(before));
      sb.append(isNull && color ? DIM + v + RESET : v);
      sb.append(" ".repeat(pad - before)).append(" │");
    }
    if (hidden > 0) {
      sb.append(' ').append(kind == 2 ? "…" : kind == 0 ? "…" : " ").append(" │");
    }
    return sb.toString();
  }
}
