package io.quiver.server.flight;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ?} parameters of a statement's text: where they are (outside string literals, quoted
 * identifiers and comments) and the text with literals put in their place. Literals come from
 * {@link ParameterLiterals}, which renders every value as a typed SQL literal (strings quoted with
 * {@code ''} doubling), so a parameter can never change the statement's structure.
 */
final class Placeholders {
  private Placeholders() {}

  /** Offsets of the {@code ?} placeholders in {@code sql}. */
  static List<Integer> find(String sql) {
    List<Integer> out = new ArrayList<>();
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '?') {
        out.add(i);
      }
    }
    return out;
  }

  /** {@code sql} with the placeholder at {@code positions[k]} replaced by {@code literals[k]}. */
  static String substitute(String sql, List<Integer> positions, String[] literals) {
    if (positions.size() != literals.length) {
      throw new IllegalArgumentException("The statement has " + positions.size() + " parameters but "
          + literals.length + " values were bound.");
    }
    StringBuilder sb = new StringBuilder(sql.length() + 16 * literals.length);
    int from = 0;
    for (int k = 0; k < literals.length; k++) {
      int at = positions.get(k);
      sb.append(sql, from, at).append(' ').append(literals[k]).append(' ');
      from = at + 1;
    }
    return sb.append(sql, from, sql.length()).toString();
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return sql.length();
  }
}
