package io.quiver.sql.statement;

import io.quiver.sql.Positions;
import io.quiver.sql.SqlError;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code WITH (key = value, ...)} clause of CREATE FUNCTION, which Calcite's DDL grammar lacks: found
 * here (outside quotes and comments) and cut off before Calcite parses the rest, then parsed by hand.
 * Values are quoted strings, numbers, or bare words (true, false); keys are folded to lower case.
 */
final class WithOptions {
  /** The statement without its WITH clause, and the options (empty when there is none). */
  record Split(String head, Map<String, String> options) {}

  private final String text;
  private int i;

  private WithOptions(String text, int start) {
    this.text = text;
    this.i = start;
  }

  static Split split(String text) {
    int with = findWith(text);
    if (with < 0) {
      return new Split(text, Map.of());
    }
    WithOptions p = new WithOptions(text, with + 4);
    Map<String, String> options = p.parse();
    return new Split(text.substring(0, with), options);
  }

  /** The offset of a top-level {@code WITH} followed by {@code (}, or -1. */
  private static int findWith(String t) {
    int n = t.length();
    for (int k = 0; k < n; k++) {
      char c = t.charAt(k);
      if (c == '\'' || c == '"') {
        int end = t.indexOf(c, k + 1);
        while (end > 0 && end + 1 < n && t.charAt(end + 1) == c) {
          end = t.indexOf(c, end + 2);
        }
        if (end < 0) {
          return -1;
        }
        k = end;
      } else if (c == '-' && k + 1 < n && t.charAt(k + 1) == '-') {
        int nl = t.indexOf('\n', k);
        k = nl < 0 ? n : nl;
      } else if ((c == 'w' || c == 'W') && t.regionMatches(true, k, "with", 0, 4)
          && (k == 0 || !Character.isLetterOrDigit(t.charAt(k - 1)))
          && (k + 4 == n || !Character.isLetterOrDigit(t.charAt(k + 4)) && t.charAt(k + 4) != '_')) {
        int j = k + 4;
        while (j < n && Character.isWhitespace(t.charAt(j))) {
          j++;
        }
        if (j < n && t.charAt(j) == '(') {
          return k;
        }
      }
    }
    return -1;
  }

  private Map<String, String> parse() {
    Map<String, String> out = new LinkedHashMap<>();
    expect('(');
    skipSpace();
    if (peek() == ')') {
      i++;
      return finish(out);
    }
    while (true) {
      int keyStart = skipSpace();
      String key = word();
      if (key.isEmpty()) {
        throw error(keyStart, "expected an option name");
      }
      expect('=');
      skipSpace();
      String value = value();
      if (out.put(key.toLowerCase(Locale.ROOT), value) != null) {
        throw error(keyStart, "option '" + key + "' is given twice");
      }
      skipSpace();
      char c = peek();
      i++;
      if (c == ')') {
        return finish(out);
      }
      if (c != ',') {
        throw error(i - 1, "expected ',' or ')' in WITH (...)");
      }
    }
  }

  private Map<String, String> finish(Map<String, String> out) {
    skipSpace();
    if (i < text.length() && text.charAt(i) == ';') {
      i++;
      skipSpace();
    }
    if (i < text.length()) {
      throw error(i, "unexpected text after WITH (...)");
    }
    return out;
  }

  private String value() {
    int start = i;
    char c = peek();
    if (c == '\'') {
      StringBuilder sb = new StringBuilder();
      i++;
      while (i < text.length()) {
        char d = text.charAt(i++);
        if (d == '\'') {
          if (i < text.length() && text.charAt(i) == '\'') {
            sb.append('\'');
            i++;
            continue;
          }
          return sb.toString();
        }
        sb.append(d);
      }
      throw error(start, "unterminated string in WITH (...)");
    }
    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "._-+".indexOf(text.charAt(i)) >= 0)) {
      i++;
    }
    if (i == start) {
      throw error(start, "expected a value (a 'string', a number, true or false)");
    }
    return text.substring(start, i);
  }

  private String word() {
    int start = i;
    if (peek() == '"') {
      int end = text.indexOf('"', i + 1);
      if (end < 0) {
        throw error(start, "unterminated quoted name");
      }
      i = end + 1;
      return text.substring(start + 1, end);
    }
    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    return text.substring(start, i);
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) {
      throw error(i, "expected '" + c + "' in WITH (...)");
    }
    i++;
  }

  private char peek() {
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private int skipSpace() {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private SqlError error(int at, String message) {
    int end = Math.min(text.length(), at + 1);
    return SqlError.at(Positions.pos(text, at, end), "Syntax error: " + message + ".");
  }
}
