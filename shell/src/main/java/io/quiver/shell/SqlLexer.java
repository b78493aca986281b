package io.quiver.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into tokens for highlighting and completion. It is forgiving, as input being typed
 * is mostly unfinished: an open string or comment runs to the end of the text (and says so).
 */
final class SqlLexer {
  /** What a token is. */
  enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, COMMENT, SPACE, SYMBOL }

  /**
   * One token: {@code text} from {@code start} (inclusive) to {@code end}; {@code open} for a string,
   * quoted name or block comment that is not closed yet.
   */
  record Token(Kind kind, int start, int end, String text, boolean open) {
    boolean is(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String s) {
      return kind == Kind.SYMBOL && text.equals(s);
    }
  }

  private SqlLexer() {}

  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int start = i;
      Kind kind;
      boolean open = false;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        kind = Kind.SPACE;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
        kind = Kind.COMMENT;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        open = close < 0;
        i = open ? n : close + 2;
        kind = Kind.COMMENT;
      } else if (c == '\'' || c == '"') {
        i = closingQuote(s, i);
        open = i < 0;
        i = open ? n : i + 1;
        kind = c == '\'' ? Kind.STRING : Kind.QUOTED_NAME;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
            || ((s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')))) {
          i++;
        }
        kind = Kind.NUMBER;
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
          i++;
        }
        kind = Kind.WORD;
      } else {
        i++;
        kind = Kind.SYMBOL;
      }
      out.add(new Token(kind, start, i, s.substring(start, i), open));
    }
    return out;
  }

  /** The index of the quote closing the one at {@code at} (a doubled quote is an escaped one), or -1. */
  private static int closingQuote(String s, int at) {
    char q = s.charAt(at);
    int i = at + 1;
    while (i < s.length()) {
      if (s.charAt(i) == q) {
        if (i + 1 < s.length() && s.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }

  /** The start of the statement that holds {@code cursor}: just after the last ';' outside quotes before it. */
  static int statementStart(List<Token> tokens, int cursor) {
    int start = 0;
    for (Token t : tokens) {
      if (t.start() >= cursor) {
        break;
      }
      if (t.isSymbol(";")) {
        start = t.end();
      }
    }
    return start;
  }

  /** The end of that statement: its ';' or the end of the text. */
  static int statementEnd(List<Token> tokens, int cursor, int length) {
    for (Token t : tokens) {
      if (t.start() >= cursor && t.isSymbol(";")) {
        return t.start();
      }
    }
    return length;
  }
}
