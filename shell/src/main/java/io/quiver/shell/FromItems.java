package io.quiver.shell;

import io.quiver.shell.SqlLexer.Kind;
import io.quiver.shell.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables and table function calls a statement reads (after FROM and JOIN, with their aliases), found
 * in its tokens without a full parse, so it also works on a statement still being typed.
 */
final class FromItems {
  /**
   * One FROM item: {@code source} is a table name or a whole table function call as written
   * ({@code read_images('d/', include_paths => true)}), {@code alias} its alias or null.
   */
  record Item(String source, String alias) {
    boolean answersTo(String name) {
      return name.equalsIgnoreCase(alias) || name.equalsIgnoreCase(source);
    }
  }

  /** Words that end a FROM item rather than name its alias. */
  private static final Set<String> NOT_ALIAS = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "RIGHT",
      "INNER", "FULL", "CROSS", "OUTER", "ON", "USING", "UNION", "EXCEPT", "INTERSECT", "HAVING", "OFFSET",
      "FETCH", "WINDOW", "NATURAL", "TO", "WITH", "LATERAL");

  private FromItems() {}

  /** The FROM items of {@code text} (one statement, possibly unfinished). */
  static List<Item> of(String text) {
    List<Token> t = new ArrayList<>();
    for (Token tok : SqlLexer.tokens(text)) {
      if (tok.kind() != Kind.SPACE && tok.kind() != Kind.COMMENT) {
        t.add(tok);
      }
    }
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).is("FROM") || t.get(i).is("JOIN")) {
        boolean list = t.get(i).is("FROM");
        int j = i + 1;
        while (j < t.size()) {
          j = item(text, t, j, out);
          if (list && j < t.size() && t.get(j).isSymbol(",")) {
            j++;
          } else {
            break;
          }
        }
      }
    }
    return out;
  }

  /** Reads one item starting at token {@code j}; returns the index after it (and its alias). */
  private static int item(String text, List<Token> t, int j, List<Item> out) {
    if (j >= t.size()) {
      return j;
    }
    String source = null;
    Token first = t.get(j);
    if (first.isSymbol("(")) {
      j = closing(t, j) + 1; // a sub-query: its columns are not looked up
    } else if (first.is("TABLE") && j + 2 < t.size() && t.get(j + 1).isSymbol("(")) {
      int close = closing(t, j + 1);
      if (close >= t.size()) {
        return t.size();
      }
      source = text.substring(t.get(j + 2).start(), t.get(close - 1).end());
      j = close + 1;
    } else if (first.kind() == Kind.WORD || first.kind() == Kind.QUOTED_NAME) {
      int k = j;
      while (k + 2 < t.size() && t.get(k + 1).isSymbol(".")) {
        k += 2;
      }
      if (k + 1 < t.size() && t.get(k + 1).isSymbol("(")) {
        int close = closing(t, k + 1);
        if (close >= t.size()) {
          return t.size(); // an unfinished call: nothing to look up yet
        }
        source = text.substring(first.start(), t.get(close).end());
        j = close + 1;
      } else {
        source = unquote(text.substring(first.start(), t.get(k).end()));
        j = k + 1;
      }
    } else {
      return j;
    }
    String alias = null;
    if (j < t.size() && t.get(j).is("AS")) {
      j++;
    }
    if (j < t.size() && (t.get(j).kind() == Kind.QUOTED_NAME
        || (t.get(j).kind() == Kind.WORD && !NOT_ALIAS.contains(t.get(j).text().toUpperCase(Locale.ROOT))))) {
      alias = unquote(t.get(j).text());
      j++;
    }
    if (source != null) {
      out.add(new Item(source, alias));
    }
    return j;
  }

  /** The index of the ')' matching the '(' at {@code open}, or the token count if it is not closed. */
  private static int closing(List<Token> t, int open) {
    int depth = 0;
    for (int i = open; i < t.size(); i++) {
      if (t.get(i).isSymbol("(")) {
        depth++;
      } else if (t.get(i).isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    return t.size();
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
