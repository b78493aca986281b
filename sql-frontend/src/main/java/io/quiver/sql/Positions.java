package io.quiver.sql;

import org.apache.calcite.sql.parser.SqlParserPos;

/** Conversions between character offsets and Calcite's 1-based line/column positions. */
public final class Positions {
  private Positions() {}

  /** The character offset of (line, column) in {@code text}, clamped to the text. */
  public static int offset(String text, int line, int column) {
    int l = 1;
    int i = 0;
    while (l < line && i < text.length()) {
      if (text.charAt(i++) == '\n') {
        l++;
      }
    }
    return Math.max(0, Math.min(text.length(), i + column - 1));
  }

  /** The position spanning offsets [start, end] of {@code text}. */
  public static SqlParserPos pos(String text, int start, int end) {
    int[] s = lineColumn(text, start);
    int[] e = lineColumn(text, end);
    return new SqlParserPos(s[0], s[1], e[0], e[1]);
  }

  private static int[] lineColumn(String text, int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }
}
