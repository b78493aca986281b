package io.quiver.executor.expr.eval;

import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;

/**
 * A compiled SQL LIKE pattern: {@code %} matches any run of characters, {@code _} exactly one, and the
 * optional escape character makes the next character literal. Patterns made only of literal text and
 * {@code %} (the common prefix, suffix and contains patterns) match on the UTF-8 bytes in place, which
 * is exact because UTF-8 never matches inside a character; others (and ILIKE) go through a regex.
 */
final class LikePattern {
  private final byte[][] segments;
  private final boolean anchoredStart;
  private final boolean anchoredEnd;
  private final boolean exact;
  private final Pattern regex;
  private final boolean byteMode;

  private LikePattern(byte[][] segments, boolean anchoredStart, boolean anchoredEnd, boolean exact, Pattern regex) {
    this.segments = segments;
    this.anchoredStart = anchoredStart;
    this.anchoredEnd = anchoredEnd;
    this.exact = exact;
    this.regex = regex;
    this.byteMode = segments != null;
  }

  /**
   * @param escape the ESCAPE string: null or empty for none, else exactly one character
   * @throws IllegalArgumentException for a bad escape
   */
  static LikePattern compile(String pattern, String escape, boolean ignoreCase) {
    if (escape != null && escape.codePointCount(0, escape.length()) > 1) {
      throw new IllegalArgumentException("LIKE escape must be a single character, got '" + escape + "'");
    }
    int esc = escape == null || escape.isEmpty() ? -1 : escape.codePointAt(0);
    // Tokens: literal text runs, '%' and '_'.
    List<Object> tokens = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    boolean hasOne = false;
    for (int i = 0; i < pattern.length(); ) {
      int cp = pattern.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == esc) {
        if (i >= pattern.length()) {
          throw new IllegalArgumentException("LIKE pattern '" + pattern + "' ends with the escape character");
        }
        int next = pattern.codePointAt(i);
        i += Character.charCount(next);
        lit.appendCodePoint(next);
      } else if (cp == '%' || cp == '_') {
        if (lit.length() > 0) {
          tokens.add(lit.toString());
          lit.setLength(0);
        }
        tokens.add(cp == '%' ? Wild.ANY : Wild.ONE);
        hasOne |= cp == '_';
      } else {
        lit.appendCodePoint(cp);
      }
    }
    if (lit.length() > 0) {
      tokens.add(lit.toString());
    }
    StringBuilder re = new StringBuilder();
    for (Object t : tokens) {
      re.append(t == Wild.ANY ? ".*" : t == Wild.ONE ? "." : Pattern.quote((String) t));
    }
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    Pattern regex = Pattern.compile(re.toString(), flags);
    return !hasOne && !ignoreCase ? bytePattern(tokens, regex) : new LikePattern(null, false, false, false, regex);
  }

  private enum Wild { ANY, ONE }

  private static LikePattern bytePattern(List<Object> tokens, Pattern regex) {
    boolean anyWild = tokens.contains(Wild.ANY);
    List<byte[]> segs = new ArrayList<>();
    for (Object t : tokens) {
      if (t instanceof String s) {
        segs.add(s.getBytes(StandardCharsets.UTF_8));
      }
    }
    boolean start = !tokens.isEmpty() && tokens.get(0) != Wild.ANY;
    boolean end = !tokens.isEmpty() && tokens.get(tokens.size() - 1) != Wild.ANY;
    if (!anyWild) {
      byte[] whole = segs.isEmpty() ? new byte[0] : segs.get(0);
      return new LikePattern(new byte[][] {whole}, true, true, true, regex);
    }
    return new LikePattern(segs.toArray(new byte[0][]), start, end, false, regex);
  }

  /** Strings starting with {@code prefix} (STARTS_WITH), matched on bytes. */
  static LikePattern prefix(String prefix) {
    return compile(escapeLike(prefix) + "%", "\\", false);
  }

  /** Strings ending with {@code suffix} (ENDS_WITH), matched on bytes. */
  static LikePattern suffix(String suffix) {
    return compile("%" + escapeLike(suffix), "\\", false);
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Whether matching needs the row as a String (regex mode). */
  boolean needsString() {
    return !byteMode;
  }

  boolean matches(String s) {
    return regex.matcher(s).matches();
  }

  /** Matches the UTF-8 bytes {@code [s, e)} of {@code d}; only when {@link #needsString()} is false. */
  boolean matches(ArrowBuf d, int s, int e) {
    if (exact) {
      byte[] w = segments[0];
      return e - s == w.length && ByteFunctionHelpers.compare(d, s, e, w, 0, w.length) == 0;
    }
    int first = 0;
    int last = segments.length - 1;
    int pos = s;
    int end = e;
    if (anchoredStart) {
      byte[] w = segments[first++];
      if (end - pos < w.length || ByteFunctionHelpers.compare(d, pos, pos + w.length, w, 0, w.length) != 0) {
        return false;
      }
      pos += w.length;
    }
    if (anchoredEnd) {
      byte[] w = segments[last--];
      if (end - pos < w.length || ByteFunctionHelpers.compare(d, end - w.length, end, w, 0, w.length) != 0) {
        return false;
      }
      end -= w.length;
    }
    for (int k = first; k <= last; k++) {
      int at = indexOf(d, pos, end, segments[k]);
      if (at < 0) {
        return false;
      }
      pos = at + segments[k].length;
    }
    return true;
  }

  /** First position of {@code w} in bytes {@code [from, to)} of {@code d}, or -1. */
  static int indexOf(ArrowBuf d, int from, int to, byte[] w) {
    int len = w.length;
    if (len == 0) {
      return from;
    }
    byte first = w[0];
    for (int i = from; i <= to - len; i++) {
      if (d.getByte(i) == first && (len == 1 || ByteFunctionHelpers.compare(d, i, i + len, w, 0, len) == 0)) {
        return i;
      }
    }
    return -1;
  }
}
