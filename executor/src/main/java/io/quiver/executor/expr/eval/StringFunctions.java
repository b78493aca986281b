package io.quiver.executor.expr.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-row string functions, on Java Strings, counting in characters (code points) as SQL does.
 * Invalid arguments throw {@link IllegalArgumentException}; the calling node adds the expression.
 */
final class StringFunctions {
  private StringFunctions() {}

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** SQL SUBSTRING: 1-based; positions before 1 shorten the result (PostgreSQL semantics). */
  static String substring(String s, long start, long length, boolean hasLength) {
    if (hasLength && length < 0) {
      throw new IllegalArgumentException("Negative substring length " + length);
    }
    long cps = length(s);
    long from = Math.max(start, 1);
    long to = hasLength ? Math.min(saturatedAdd(start, length), cps + 1) : cps + 1;
    if (to <= from || from > cps) {
      return "";
    }
    return codePoints(s, from - 1, to - 1);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  /** Code points {@code [from, to)} of {@code s} (both within range). */
  private static String codePoints(String s, long from, long to) {
    int begin = s.offsetByCodePoints(0, (int) from);
    int end = s.offsetByCodePoints(begin, (int) (to - from));
    return s.substring(begin, end);
  }

  static String left(String s, long n) {
    long cps = length(s);
    long keep = n >= 0 ? Math.min(n, cps) : Math.max(cps + n, 0);
    return codePoints(s, 0, keep);
  }

  static String right(String s, long n) {
    long cps = length(s);
    long keep = n >= 0 ? Math.min(n, cps) : Math.max(cps + n, 0);
    return codePoints(s, cps - keep, cps);
  }

  /** Removes characters in {@code chars} from the start and/or end. */
  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int begin = 0;
    int end = s.length();
    if (leading) {
      while (begin < end) {
        int cp = s.codePointAt(begin);
        if (chars.indexOf(cp) < 0) {
          break;
        }
        begin += Character.charCount(cp);
      }
    }
    if (trailing) {
      while (end > begin) {
        int cp = s.codePointBefore(end);
        if (chars.indexOf(cp) < 0) {
          break;
        }
        end -= Character.charCount(cp);
      }
    }
    return s.substring(begin, end);
  }

  /** Replaces every occurrence; an empty search string changes nothing (as in PostgreSQL). */
  static String replace(String s, String from, String to) {
    return from.isEmpty() ? s : s.replace(from, to);
  }

  /**
   * DuckDB's split_part: 1-based field {@code n} of {@code s} split at {@code delim}; negative n counts
   * from the end; out of range (or 0) gives ''. An empty delimiter splits into characters.
   */
  static String splitPart(String s, String delim, long n) {
    List<String> parts = new ArrayList<>();
    if (delim.isEmpty()) {
      s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
    } else {
      int from = 0;
      int at;
      while ((at = s.indexOf(delim, from)) >= 0) {
        parts.add(s.substring(from, at));
        from = at + delim.length();
      }
      parts.add(s.substring(from));
    }
    long idx = n > 0 ? n - 1 : parts.size() + n;
    return n == 0 || idx < 0 || idx >= parts.size() ? "" : parts.get((int) idx);
  }

  /** 1-based character position of {@code needle} in {@code haystack}, 0 if absent. */
  static long position(String needle, String haystack) {
    int at = haystack.indexOf(needle);
    return at < 0 ? 0 : haystack.codePointCount(0, at) + 1;
  }

  static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }

  /** PostgreSQL lpad/rpad: pads to {@code len} characters with {@code fill}, or truncates to it. */
  static String pad(String s, long len, String fill, boolean left) {
    if (len <= 0) {
      return "";
    }
    if (len > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("Requested length " + len + " is too large");
    }
    int cps = length(s);
    if (cps >= len) {
      return codePoints(s, 0, len);
    }
    if (fill.isEmpty()) {
      return s;
    }
    int[] fillCps = fill.codePoints().toArray();
    StringBuilder padding = new StringBuilder();
    for (int i = 0; i < len - cps; i++) {
      padding.appendCodePoint(fillCps[i % fillCps.length]);
    }
    return left ? padding + s : s + padding;
  }

  static String repeat(String s, long n) {
    if (n <= 0 || s.isEmpty()) {
      return "";
    }
    if (n * s.length() > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException("Result of repeating " + s.length() + " characters " + n
          + " times is too large");
    }
    return s.repeat((int) n);
  }
}
