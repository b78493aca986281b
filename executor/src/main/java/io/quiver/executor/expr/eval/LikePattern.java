package io.quiver.executor.expr.eval;

import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.arrow.memory.ArrowBuf;

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
      return e - s == w.length && regionEquals(d, s, w);
    }
    int first = 0;
    int last = segments.length - 1;
    int pos = s;
    int end = e;
    if (anchoredStart) {
      byte[] w = segments[first++];
      if (end - pos < w.length || !regionEquals(d, pos, w)) {
        return false;
      }
      pos += w.length;
    }
    if (anchoredEnd) {
      byte[] w = segments[last--];
      if (end - pos < w.length || !regionEquals(d, end - w.length, w)) {
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

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Whether bytes {@code [at, at + w.length)} of {@code d} equal {@code w} (the caller checked the range). */
  static boolean regionEquals(ArrowBuf d, int at, byte[] w) {
    int len = w.length;
    int k = 0;
    for (; k + 8 <= len; k += 8) {
      if (d.getLong(at + k) != (long) LONGS.get(w, k)) {
        return false;
      }
    }
    for (; k < len; k++) {
      if (d.getByte(at + k) != w[k]) {
        return false;
      }
    }
    return true;
  }

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * First position of {@code w} in bytes {@code [from, to)} of {@code d}, or -1. Candidates for the
   * first byte are found eight bytes at a time (the classic "has zero byte" bit trick).
   */
  static int indexOf(ArrowBuf d, int from, int to, byte[] w) {
    int len = w.length;
    if (len == 0) {
      return from;
    }
    int last = to - len;
    byte first = w[0];
    long pattern = (first & 0xFFL) * ONES;
    int i = from;
    while (i <= last) {
      if (i + 8 <= to) {
        long x = d.getLong(i) ^ pattern;
        long found = (x - ONES) & ~x & HIGHS;
        if (found == 0) {
          i += 8;
          continue;
        }
        int c = i + (Long.numberOfTrailingZeros(found) >>> 3);
        if (c > last) {
          return -1;
        }
        if (len == 1 || regionEquals(d, c, w)) {
          return c;
        }
        i = c + 1;
      } else {
        if (d.getByte(i) == first && (len == 1 || regionEquals(d, i, w))) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }
}
