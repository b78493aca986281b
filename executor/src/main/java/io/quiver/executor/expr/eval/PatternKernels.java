package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.Functions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * Pattern matching: {@code like, ilike, starts_with, ends_with} and the regex functions
 * {@code regexp_contains, regexp_extract, regexp_replace} (Java regex syntax, close to RE2 for the
 * common cases). Constant patterns compile once; per-row patterns go through a small cache.
 */
final class PatternKernels {
  private PatternKernels() {}

  static Node compile(Call call, String f, Node[] a) {
    switch (f) {
      case Functions.LIKE:
      case Functions.ILIKE:
        return like(call, a, f.equals(Functions.ILIKE));
      case Functions.STARTS_WITH:
      case Functions.ENDS_WITH: {
        boolean starts = f.equals(Functions.STARTS_WITH);
        if (a[1] instanceof LiteralNode lit && lit.value() != null) {
          String s = lit.value().toString();
          return new ByteMatch(call, a[0], starts ? LikePattern.prefix(s) : LikePattern.suffix(s));
        }
        return RowNode.bools(call, a, false, starts
            ? (r, i) -> r.str(0, i).startsWith(r.str(1, i))
            : (r, i) -> r.str(0, i).endsWith(r.str(1, i)));
      }
      case Functions.REGEXP_CONTAINS: {
        Function<String, Pattern> pattern = patterns(a[1], 0);
        return RowNode.bools(call, a, !(a[1] instanceof LiteralNode),
            (r, i) -> pattern.apply(r.str(1, i)).matcher(r.str(0, i)).find());
      }
      case Functions.REGEXP_EXTRACT: {
        Function<String, Pattern> pattern = patterns(a[1], 0);
        if (a.length > 2 && a[1] instanceof LiteralNode p && p.value() != null
            && a[2] instanceof LiteralNode g && g.value() != null) {
          try {
            checkGroup(pattern.apply(p.value().toString()), Vectors.toLong(g.value()));
          } catch (IllegalArgumentException e) {
            throw NodeCompiler.invalid(call, e.getMessage());
          }
        }
        return RowNode.strings(call, a, !(a[1] instanceof LiteralNode) || a.length > 2, (r, i) -> {
          Pattern p = pattern.apply(r.str(1, i));
          long group = a.length > 2 ? r.lng(2, i) : 0;
          checkGroup(p, group);
          Matcher m = p.matcher(r.str(0, i));
          // As DuckDB: '' when nothing matches or the group took no part in the match.
          String found = m.find() ? m.group((int) group) : null;
          return found == null ? "" : found;
        });
      }
      case Functions.REGEXP_REPLACE:
        return regexpReplace(call, a);
      default:
        return null;
    }
  }

  private static void checkGroup(Pattern p, long group) {
    if (group < 0 || group > p.matcher("").groupCount()) {
      throw new IllegalArgumentException("Group " + group + " does not exist in regular expression '"
          + p.pattern() + "'");
    }
  }

  private static Node like(Call call, Node[] a, boolean ignoreCase) {
    boolean constPattern = a[1] instanceof LiteralNode p && p.value() != null
        && (a.length < 3 || a[2] instanceof LiteralNode);
    if (constPattern) {
      String escape = a.length > 2 ? (String) ((LiteralNode) a[2]).value() : null;
      LikePattern pattern;
      try {
        pattern = LikePattern.compile(((LiteralNode) a[1]).value().toString(), escape, ignoreCase);
      } catch (IllegalArgumentException e) {
        throw NodeCompiler.invalid(call, e.getMessage());
      }
      if (!pattern.needsString()) {
        return new ByteMatch(call, a[0], pattern);
      }
      Node[] args = {a[0]};
      return RowNode.bools(call, args, false, (r, i) -> pattern.matches(r.str(0, i)));
    }
    Map<String, LikePattern> cache = cache();
    return RowNode.bools(call, a, true, (r, i) -> {
      String escape = a.length > 2 ? r.str(2, i) : null;
      String key = r.str(1, i) + '\u0000' + escape;
      LikePattern p = cache.get(key);
      if (p == null) {
        p = LikePattern.compile(r.str(1, i), escape, ignoreCase);
        cache.put(key, p);
      }
      return p.matches(r.str(0, i));
    });
  }

  private static Node regexpReplace(Call call, Node[] a) {
    boolean[] global = new boolean[1];
    int flags = 0;
    if (a.length > 3) {
      if (!(a[3] instanceof LiteralNode lit) || lit.value() == null) {
        throw NodeCompiler.invalid(call, "regexp_replace flags must be a constant string");
      }
      flags = flags(call, lit.value().toString(), global);
    }
    Function<String, Pattern> pattern = patterns(a[1], flags);
    boolean all = global[0];
    Node[] args = a.length > 3 ? new Node[] {a[0], a[1], a[2]} : a;
    return RowNode.strings(call, args, !(a[1] instanceof LiteralNode), (r, i) -> {
      Matcher m = pattern.apply(r.str(1, i)).matcher(r.str(0, i));
      String replacement = javaReplacement(r.str(2, i));
      return all ? m.replaceAll(replacement) : m.replaceFirst(replacement);
    });
  }

  /** DuckDB/PostgreSQL regex option letters: g (all matches), i, c, m/n, s. */
  private static int flags(Call call, String options, boolean[] global) {
    int flags = 0;
    for (char c : options.toCharArray()) {
      switch (c) {
        case 'g':
          global[0] = true;
          break;
        case 'i':
          flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          break;
        case 'c':
          flags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
          break;
        case 'm':
        case 'n':
          flags |= Pattern.MULTILINE;
          break;
        case 's':
          flags |= Pattern.DOTALL;
          break;
        default:
          throw NodeCompiler.invalid(call, "Unknown regexp_replace option '" + c + "'");
      }
    }
    return flags;
  }

  /** Turns {@code \1}-style group references (RE2, PostgreSQL) into Java's {@code $1}. */
  static String javaReplacement(String sql) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\\' && i + 1 < sql.length()) {
        char next = sql.charAt(++i);
        if (Character.isDigit(next)) {
          sb.append('$').append(next);
        } else {
          sb.append(Matcher.quoteReplacement(String.valueOf(next)));
        }
      } else {
        sb.append(Matcher.quoteReplacement(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  /** Pattern lookup: compiled once for a constant, else cached per distinct pattern text. */
  private static Function<String, Pattern> patterns(Node regex, int flags) {
    if (regex instanceof LiteralNode lit && lit.value() != null) {
      Pattern p = compileRegex(lit.value().toString(), flags, true);
      return s -> p;
    }
    Map<String, Pattern> cache = cache();
    return s -> cache.computeIfAbsent(s, k -> compileRegex(k, flags, false));
  }

  private static Pattern compileRegex(String regex, int flags, boolean atCompileTime) {
    try {
      return Pattern.compile(regex, flags);
    } catch (PatternSyntaxException e) {
      String msg = "Invalid regular expression '" + regex + "': " + e.getDescription();
      throw atCompileTime ? new io.quiver.executor.QuiverException(msg + ".") : new IllegalArgumentException(msg);
    }
  }

  /** A small bounded cache for patterns that vary per row. */
  private static <V> Map<String, V> cache() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > 256;
      }
    };
  }

  /** LIKE-style matching on the bytes in place, no decoding. */
  private static final class ByteMatch extends Node {
    private final LikePattern pattern;
    private byte[] res;

    ByteMatch(Call call, Node s, LikePattern pattern) {
      super(call, Vectors.BOOL, new Node[] {s}, false);
      this.pattern = pattern;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector s = children[0].eval(in)) {
        FieldVector out = Vectors.allocate(Vectors.BOOL, n, in.allocator());
        if (s instanceof NullVector) {
          return Vectors.done(out, n);
        }
        BaseVariableWidthVector v = (BaseVariableWidthVector) s;
        ArrowBuf off = v.getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        byte[] r = res = res != null && res.length >= n ? res : new byte[Math.max(n, 16)];
        for (int i = 0; i < n; i++) {
          long p = (long) i << 2;
          r[i] = (byte) (pattern.matches(data, off.getInt(p), off.getInt(p + 4)) ? 1 : 0);
        }
        Bits.pack(r, n, out.getDataBuffer());
        Bits.andValidity(out, n, s);
        return Vectors.done(out, n);
      }
    }
  }
}
