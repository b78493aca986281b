package io.quiver.shell;

import java.io.PrintStream;
import java.util.List;

/** Draws rows as a box-drawn table with a name and a type line per column, as DuckDB's CLI does. */
final class TableRenderer {
  /** Longer values are cut with an ellipsis so one wide column does not wreck the table. */
  private static final int MAX_WIDTH = 48;
  private final PrintStream out;

  TableRenderer(PrintStream out) {
    this.out = out;
  }

  void render(List<String> header, List<String> types, List<String[]> rows, boolean[] rightAlign) {
    int n = header.size();
    int[] w = new int[n];
    for (int c = 0; c < n; c++) {
      w[c] = Math.max(width(header.get(c)), width(types.get(c)));
    }
    boolean cut = n > 1; // a lone column (EXPLAIN, a long text) is shown whole
    for (String[] row : rows) {
      for (int c = 0; c < n; c++) {
        row[c] = cut ? cut(row[c]) : row[c].replace('\n', ' ');
        w[c] = Math.max(w[c], width(row[c]));
      }
    }
    out.println(line('┌', '┬', '┐', w));
    out.println(cells(header.toArray(new String[0]), w, new boolean[n], true));
    out.println(cells(types.toArray(new String[0]), w, new boolean[n], true));
    out.println(line('├', '┼', '┤', w));
    for (String[] row : rows) {
      out.println(cells(row, w, rightAlign, false));
    }
    out.println(line('└', '┴', '┘', w));
  }

  private static String cut(String s) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= MAX_WIDTH ? oneLine : oneLine.substring(0, MAX_WIDTH - 1) + "…";
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

  private static String cells(String[] values, int[] w, boolean[] right, boolean center) {
    StringBuilder sb = new StringBuilder("│");
    for (int c = 0; c < w.length; c++) {
      String v = values[c];
      int pad = w[c] - width(v);
      int before = center ? pad / 2 : right[c] ? pad : 0;
      sb.append(' ').append(" ".repeat(before)).append(v).append(" ".repeat(pad - before)).append(" │");
    }
    return sb.toString();
  }
}
