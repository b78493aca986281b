package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * SQL three-valued logic on Bool bitmaps, 64 rows per step: {@code and, or} (any number of arguments,
 * evaluated lazily: a later argument only sees rows the earlier ones have not decided, so {@code x <> 0
 * AND y / x > 1} cannot divide by zero), {@code not}, and the never-NULL tests {@code is_null,
 * is_not_null, is_true, is_false, is_not_true, is_not_false}.
 */
final class LogicKernels {
  private LogicKernels() {}

  static Node andOr(Expr expr, boolean isAnd, Node[] args) {
    return new AndOr(expr, isAnd, args);
  }

  static Node unary(Expr expr, String function, Node arg) {
    return new Unary(expr, function, arg);
  }

  /** Values and validity of a Bool column as words. */
  private static final class Tri {
    final long[] v;
    final long[] m;

    Tri(int words) {
      v = new long[words];
      m = new long[words];
    }
  }

  private static final class AndOr extends Node {
    private final boolean isAnd;

    AndOr(Expr expr, boolean isAnd, Node[] args) {
      super(expr, Vectors.BOOL, args, false);
      this.isAnd = isAnd;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      int words = Bits.words(n);
      Tri acc = new Tri(words);
      try (FieldVector first = children[0].eval(in)) {
        read(first, n, acc);
      }
      int[] rows = new int[n];
      for (int c = 1; c < children.length; c++) {
        // Rows still undecided: for AND those not known FALSE, for OR those not known TRUE.
        int count = undecided(acc, n, rows);
        if (count == 0) {
          break;
        }
        Tri b = new Tri(words);
        try (Lazy.Partial p = Lazy.evalOn(children[c], in, rows, count)) {
          if (p.aligned()) {
            read(p.vector(), n, b);
          } else {
            scatter(p.vector(), rows, count, b);
          }
        }
        combine(acc, b, words);
      }
      FieldVector out = Vectors.allocate(Vectors.BOOL, n, in.allocator());
      write(acc, n, out);
      return Vectors.done(out, n);
    }

    private int undecided(Tri acc, int n, int[] rows) {
      int words = Bits.words(n);
      int c = 0;
      for (int w = 0; w < words; w++) {
        long decided = isAnd ? acc.m[w] & ~acc.v[w] : acc.m[w] & acc.v[w];
        long word = ~decided;
        int base = w << 6;
        if (base + 64 > n) {
          word &= (1L << (n - base)) - 1;
        }
        while (word != 0) {
          rows[c++] = base + Long.numberOfTrailingZeros(word);
          word &= word - 1;
        }
      }
      return c;
    }

    private void combine(Tri a, Tri b, int words) {
      for (int w = 0; w < words; w++) {
        long av = a.v[w] & a.m[w];
        long bv = b.v[w] & b.m[w];
        long both = a.m[w] & b.m[w];
        if (isAnd) {
          long aFalse = a.m[w] & ~a.v[w];
          long bFalse = b.m[w] & ~b.v[w];
          a.m[w] = both | aFalse | bFalse;
          a.v[w] = av & bv;
        } else {
          a.m[w] = both | av | bv;
          a.v[w] = av | bv;
        }
      }
    }
  }

  private static final class Unary extends Node {
    private final String function;

    Unary(Expr expr, String function, Node arg) {
      super(expr, Vectors.BOOL, new Node[] {arg}, false);
      this.function = function;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      int words = Bits.words(n);
      Tri t = new Tri(words);
      try (FieldVector arg = children[0].eval(in)) {
        if (function.equals(Functions.IS_NULL) || function.equals(Functions.IS_NOT_NULL)) {
          // Any type: only validity matters.
          ArrowBuf valid = Bits.validity(arg);
          int nBytes = Bits.bytes(n);
          for (int w = 0; w < words; w++) {
            t.m[w] = Bits.word(valid, w, nBytes);
          }
        } else {
          read(arg, n, t);
        }
      }
      for (int w = 0; w < words; w++) {
        long v = t.v[w];
        long m = t.m[w];
        switch (function) {
          case Functions.NOT:
            t.v[w] = ~v & m;
            break;
          case Functions.IS_NULL:
            t.v[w] = ~m;
            t.m[w] = -1L;
            break;
          case Functions.IS_NOT_NULL:
            t.v[w] = m;
            t.m[w] = -1L;
            break;
          case Functions.IS_TRUE:
            t.v[w] = v & m;
            t.m[w] = -1L;
            break;
          case Functions.IS_FALSE:
            t.v[w] = ~v & m;
            t.m[w] = -1L;
            break;
          case Functions.IS_NOT_TRUE:
            t.v[w] = ~(v & m);
            t.m[w] = -1L;
            break;
          default: // IS_NOT_FALSE
            t.v[w] = ~(~v & m);
            t.m[w] = -1L;
        }
      }
      FieldVector out = Vectors.allocate(Vectors.BOOL, n, in.allocator());
      write(t, n, out);
      return Vectors.done(out, n);
    }
  }

  private static void read(FieldVector bool, int n, Tri t) {
    ArrowBuf valid = Bits.validity(bool);
    if (valid == null) {
      return; // all NULL
    }
    ArrowBuf data = bool.getDataBuffer();
    int nBytes = Bits.bytes(n);
    for (int w = 0; w < t.v.length; w++) {
      t.m[w] = Bits.word(valid, w, nBytes);
      t.v[w] = Bits.word(data, w, nBytes) & t.m[w];
    }
  }

  /** Places values {@code k} of a subset result at rows {@code rows[k]}; other rows stay NULL. */
  private static void scatter(FieldVector bool, int[] rows, int count, Tri t) {
    ArrowBuf valid = Bits.validity(bool);
    if (valid == null) {
      return;
    }
    ArrowBuf data = bool.getDataBuffer();
    for (int k = 0; k < count; k++) {
      if (Bits.get(valid, k)) {
        int r = rows[k];
        t.m[r >>> 6] |= 1L << r;
        if (Bits.get(data, k)) {
          t.v[r >>> 6] |= 1L << r;
        }
      }
    }
  }

  private static void write(Tri t, int n, FieldVector out) {
    int nBytes = Bits.bytes(n);
    ArrowBuf data = out.getDataBuffer();
    ArrowBuf valid = out.getValidityBuffer();
    for (int w = 0; w < t.v.length; w++) {
      Bits.putWord(data, w, t.v[w] & t.m[w], nBytes);
      Bits.putWord(valid, w, t.m[w], nBytes);
    }
  }
}
