package io.quiver.sql.statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at semicolons that are outside quotes ('...', "..."), line comments
 * (-- ...) and block comments. Blank and comment-only statements are dropped.
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipQuoted(script, i, c);
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int eol = script.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == ';') {
        add(out, script.substring(start, i));
        start = ++i;
      } else {
        i++;
      }
    }
    add(out, script.substring(start));
    return out;
  }

  /** True if {@code text} ends with a statement terminator outside quotes and comments (for the REPL). */
  public static boolean isComplete(String text) {
    String t = stripComments(text).strip();
    return t.endsWith(";") && split(text).size() >= 1;
  }

  private static int skipQuoted(String s, int i, char quote) {
    int j = i + 1;
    while (j < s.length()) {
      if (s.charAt(j) == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return s.length();
  }

  private static void add(List<String> out, String statement) {
    if (!stripComments(statement).isBlank()) {
      out.add(statement.strip());
    }
  }

  /** The text with comments blanked out (quotes respected). */
  static String stripComments(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int j = skipQuoted(s, i, c);
        sb.append(s, i, j);
        i = j;
      } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
        int eol = s.indexOf('\n', i);
        i = eol < 0 ? s.length() : eol;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
        sb.append(' ');
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
