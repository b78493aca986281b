package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A function computed row by row from {@link RowArgs}: most string, regex and date-text functions.
 * Unless {@code nullSafe}, a NULL argument gives NULL without calling the function. The function may
 * return null (string results) to produce NULL, and may throw {@link IllegalArgumentException},
 * which becomes a user error naming the expression.
 */
final class RowNode extends Node {
  /** A String-valued function of one row. */
  interface StrFn {
    String apply(RowArgs a, int row);
  }

  /** An integer-valued function of one row. */
  interface LongFn {
    long apply(RowArgs a, int row);
  }

  /** A Bool-valued function of one row. */
  interface BoolFn {
    boolean apply(RowArgs a, int row);
  }

  private final StrFn strFn;
  private final LongFn longFn;
  private final BoolFn boolFn;
  private final boolean nullSafe;
  private long[] longs;
  private byte[] bools;

  private RowNode(Expr expr, ArrowType type, Node[] args, boolean mayFail, boolean nullSafe, StrFn s,
      LongFn l, BoolFn b) {
    super(expr, type, args, mayFail);
    this.strFn = s;
    this.longFn = l;
    this.boolFn = b;
    this.nullSafe = nullSafe;
  }

  static RowNode strings(Expr expr, Node[] args, boolean mayFail, StrFn fn) {
    return new RowNode(expr, Vectors.UTF8, args, mayFail, false, fn, null, null);
  }

  /** A string function that sees NULL arguments itself (e.g. concat skipping NULLs). */
  static RowNode nullSafeStrings(Expr expr, Node[] args, StrFn fn) {
    return new RowNode(expr, Vectors.UTF8, args, false, true, fn, null, null);
  }

  static RowNode longs(Expr expr, ArrowType type, Node[] args, boolean mayFail, LongFn fn) {
    return new RowNode(expr, type, args, mayFail, false, null, fn, null);
  }

  static RowNode bools(Expr expr, Node[] args, boolean mayFail, BoolFn fn) {
    return new RowNode(expr, Vectors.BOOL, args, mayFail, false, null, null, fn);
  }

  @Override
  public FieldVector eval(Input in) {
    int n = in.rowCount();
    FieldVector[] vs = RowArgs.evalVariables(children, in);
    try {
      RowArgs a = new RowArgs(children, vs, n);
      if (!nullSafe && a.anyNullConstant()) {
        return Vectors.done(Vectors.allocate(type, n, in.allocator(), 0), n);
      }
      try {
        if (strFn != null) {
          return strings(a, n, in);
        }
        return longFn != null ? longs(a, n, in) : bools(a, n, in);
      } catch (IllegalArgumentException e) {
        throw error(in, e.getMessage());
      }
    } finally {
      closeAll(vs);
    }
  }

  private FieldVector strings(RowArgs a, int n, Input in) {
    VarCharVector out = (VarCharVector) Vectors.allocate(Vectors.UTF8, n, in.allocator(), 16L * n);
    try {
      for (int i = 0; i < n; i++) {
        if (!nullSafe && a.anyNull(i)) {
          continue;
        }
        String s = strFn.apply(a, i);
        if (s != null) {
          out.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
        }
      }
      return Vectors.done(out, n);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private FieldVector longs(RowArgs a, int n, Input in) {
    FieldVector out = Vectors.allocate(type, n, in.allocator());
    try {
      long[] r = longs = Lanes.longArray(longs, n);
      org.apache.arrow.memory.ArrowBuf valid = out.getValidityBuffer();
      for (int i = 0; i < n; i++) {
        if (nullSafe || !a.anyNull(i)) {
          r[i] = longFn.apply(a, i);
          Bits.set(valid, i);
        }
      }
      Lanes.writeLongs(r, n, out);
      return Vectors.done(out, n);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private FieldVector bools(RowArgs a, int n, Input in) {
    FieldVector out = Vectors.allocate(Vectors.BOOL, n, in.allocator());
    try {
      byte[] r = bools = bools != null && bools.length >= n ? bools : new byte[Math.max(n, 16)];
      org.apache.arrow.memory.ArrowBuf valid = out.getValidityBuffer();
      for (int i = 0; i < n; i++) {
        r[i] = 0;
        if (nullSafe || !a.anyNull(i)) {
          r[i] = (byte) (boolFn.apply(a, i) ? 1 : 0);
          Bits.set(valid, i);
        }
      }
      Bits.pack(r, n, out.getDataBuffer());
      return Vectors.done(out, n);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
