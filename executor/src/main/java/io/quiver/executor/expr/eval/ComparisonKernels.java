package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code eq, ne, lt, le, gt, ge, is_distinct_from, is_not_distinct_from} for every comparable type.
 * Integers, Bool, DATE and TIMESTAMP compare as {@code long} lanes, floating point as {@code double}
 * (NaN equals NaN and sorts above everything, as in PostgreSQL and DuckDB), Utf8 and binary byte-wise
 * on the buffers (for UTF-8 that is code point order). A constant string operand is compared without
 * being broadcast.
 */
final class ComparisonKernels {
  private ComparisonKernels() {}

  /** Comparison outcome wanted, as a predicate on the sign of compare(a, b). */
  enum Op {
    EQ, NE, LT, LE, GT, GE;

    boolean test(int cmp) {
      switch (this) {
        case EQ:
          return cmp == 0;
        case NE:
          return cmp != 0;
        case LT:
          return cmp < 0;
        case LE:
          return cmp <= 0;
        case GT:
          return cmp > 0;
        default:
          return cmp >= 0;
      }
    }
  }

  static Op op(String function) {
    switch (function) {
      case Functions.EQ:
      case Functions.IS_NOT_DISTINCT_FROM:
        return Op.EQ;
      case Functions.NE:
      case Functions.IS_DISTINCT_FROM:
        return Op.NE;
      case Functions.LT:
        return Op.LT;
      case Functions.LE:
        return Op.LE;
      case Functions.GT:
        return Op.GT;
      default:
        return Op.GE;
    }
  }

  static Node compile(Expr expr, String function, Node left, Node right) {
    // DATE against TIMESTAMP compares as timestamps (midnight), not days against microseconds.
    if (left.type() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Date
        && right.type() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Timestamp) {
      left = toTimestamp(left, right.type());
    } else if (right.type() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Date
        && left.type() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Timestamp) {
      right = toTimestamp(right, left.type());
    }
    boolean distinct = function.equals(Functions.IS_DISTINCT_FROM)
        || function.equals(Functions.IS_NOT_DISTINCT_FROM);
    Lanes.Kind kl = Lanes.kind(left.type());
    Lanes.Kind kr = Lanes.kind(right.type());
    Lanes.Kind kind;
    if (kl == Lanes.Kind.BYTES && (kr == Lanes.Kind.BYTES || right.type() instanceof
        org.apache.arrow.vector.types.pojo.ArrowType.Null)) {
      kind = Lanes.Kind.BYTES;
    } else if (kr == Lanes.Kind.BYTES && left.type() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Null) {
      kind = Lanes.Kind.BYTES;
    } else if ((kl == Lanes.Kind.DOUBLE || kl == Lanes.Kind.LONG) && (kr == Lanes.Kind.DOUBLE || kr == Lanes.Kind.LONG)) {
      kind = kl == Lanes.Kind.DOUBLE || kr == Lanes.Kind.DOUBLE ? Lanes.Kind.DOUBLE : Lanes.Kind.LONG;
    } else {
      throw NodeCompiler.unsupported(expr, "comparing " + Vectors.sqlName(left.type()) + " with "
          + Vectors.sqlName(right.type()));
    }
    return new Compare(expr, op(function), distinct, kind, left, right);
  }

  private static Node toTimestamp(Node date, org.apache.arrow.vector.types.pojo.ArrowType ts) {
    io.quiver.executor.expr.Call cast = new io.quiver.executor.expr.Call(Functions.CAST, java.util.List.of(date.expr), ts);
    return CastKernels.compile(cast, date, false);
  }

  /** One comparison node; the loops are chosen per batch by lane kind and operator. */
  private static final class Compare extends Node {
    private final Op op;
    private final boolean distinct;
    private final Lanes.Kind kind;
    private long[] la;
    private long[] lb;
    private double[] da;
    private double[] db;
    private byte[] res;

    Compare(Expr expr, Op op, boolean distinct, Lanes.Kind kind, Node left, Node right) {
      super(expr, Vectors.BOOL, new Node[] {left, right}, false);
      this.op = op;
      this.distinct = distinct;
      this.kind = kind;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (Operands args = new Operands(children, in)) {
        FieldVector a = args.vectors[0];
        FieldVector b = args.vectors[1];
        FieldVector out = Vectors.allocate(Vectors.BOOL, n, in.allocator());
        try {
          byte[] r = res = res != null && res.length >= n ? res : new byte[Math.max(n, 16)];
          switch (kind) {
            case LONG:
              compareLongs(la = args.longs(0, n, la), lb = args.longs(1, n, lb), r, n);
              break;
            case DOUBLE:
              compareDoubles(da = args.doubles(0, n, da), db = args.doubles(1, n, db), r, n);
              break;
            default:
              compareBytes(a, b, r, n);
          }
          if (distinct) {
            resolveDistinct(a, b, r, n);
            Bits.setAll(out.getValidityBuffer(), n);
          } else {
            args.andValidity(out, n);
          }
          Bits.pack(r, n, out.getDataBuffer());
          return Vectors.done(out, n);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      }
    }

    /** Byte strings; either side may be a constant (null vector here), which is not broadcast. */
    private void compareBytes(FieldVector a, FieldVector b, byte[] r, int n) {
      Object ca = a == null ? ((LiteralNode) children[0]).value() : null;
      Object cb = b == null ? ((LiteralNode) children[1]).value() : null;
      if ((a == null && ca == null) || (b == null && cb == null) || a instanceof org.apache.arrow.vector.NullVector
          || b instanceof org.apache.arrow.vector.NullVector) {
        java.util.Arrays.fill(r, 0, n, (byte) 0);
      } else if (a == null && b == null) {
        byte[] x = Vectors.bytes(ca);
        byte[] y = Vectors.bytes(cb);
        int cmp = java.util.Arrays.compareUnsigned(x, y);
        java.util.Arrays.fill(r, 0, n, (byte) (op.test(cmp) ? 1 : 0));
      } else if (b == null) {
        compareBytes((BaseVariableWidthVector) a, Vectors.bytes(cb), r, n, false);
      } else if (a == null) {
        compareBytes((BaseVariableWidthVector) b, Vectors.bytes(ca), r, n, true);
      } else {
        compareBytes((BaseVariableWidthVector) a, (BaseVariableWidthVector) b, r, n);
      }
    }

    /** NULL-safe: two NULLs are equal, a NULL and a value differ. */
    private void resolveDistinct(FieldVector a, FieldVector b, byte[] r, int n) {
      ArrowBuf va = a == null ? null : Bits.validity(a);
      ArrowBuf vb = b == null ? null : Bits.validity(b);
      boolean aConst = a == null && ((LiteralNode) children[0]).value() != null;
      boolean bConst = b == null && ((LiteralNode) children[1]).value() != null;
      byte whenBothNull = (byte) (op == Op.EQ ? 1 : 0);
      for (int i = 0; i < n; i++) {
        boolean x = aConst || Bits.get(va, i);
        boolean y = bConst || Bits.get(vb, i);
        if (!x || !y) {
          r[i] = x == y ? whenBothNull : (byte) (1 - whenBothNull);
        }
      }
    }

    private void compareLongs(long[] x, long[] y, byte[] r, int n) {
      switch (op) {
        case EQ:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] == y[i] ? 1 : 0);
          }
          break;
        case NE:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] != y[i] ? 1 : 0);
          }
          break;
        case LT:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] < y[i] ? 1 : 0);
          }
          break;
        case LE:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] <= y[i] ? 1 : 0);
          }
          break;
        case GT:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] > y[i] ? 1 : 0);
          }
          break;
        default:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] >= y[i] ? 1 : 0);
          }
      }
    }

    private void compareDoubles(double[] x, double[] y, byte[] r, int n) {
      boolean nan = false;
      for (int i = 0; i < n; i++) {
        nan |= x[i] != x[i] | y[i] != y[i];
      }
      if (nan) {
        // Rare: SQL orders NaN above every number and equal to itself.
        for (int i = 0; i < n; i++) {
          r[i] = (byte) (op.test(sqlCompare(x[i], y[i])) ? 1 : 0);
        }
        return;
      }
      switch (op) {
        case EQ:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] == y[i] ? 1 : 0);
          }
          break;
        case NE:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] != y[i] ? 1 : 0);
          }
          break;
        case LT:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] < y[i] ? 1 : 0);
          }
          break;
        case LE:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] <= y[i] ? 1 : 0);
          }
          break;
        case GT:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] > y[i] ? 1 : 0);
          }
          break;
        default:
          for (int i = 0; i < n; i++) {
            r[i] = (byte) (x[i] >= y[i] ? 1 : 0);
          }
      }
    }

    private void compareBytes(BaseVariableWidthVector a, BaseVariableWidthVector b, byte[] r, int n) {
      ArrowBuf ao = a.getOffsetBuffer();
      ArrowBuf bo = b.getOffsetBuffer();
      ArrowBuf ad = a.getDataBuffer();
      ArrowBuf bd = b.getDataBuffer();
      boolean equality = op == Op.EQ || op == Op.NE;
      for (int i = 0; i < n; i++) {
        long p = (long) i << 2;
        int as = ao.getInt(p);
        int ae = ao.getInt(p + 4);
        int bs = bo.getInt(p);
        int be = bo.getInt(p + 4);
        int cmp;
        if (equality) {
          cmp = ae - as == be - bs && ByteFunctionHelpers.equal(ad, as, ae, bd, bs, be) == 1 ? 0 : 1;
        } else {
          cmp = ByteFunctionHelpers.compare(ad, as, ae, bd, bs, be);
        }
        r[i] = (byte) (op.test(cmp) ? 1 : 0);
      }
    }

    /** Column against constant {@code c}; {@code swapped} when the constant is the left operand. */
    private void compareBytes(BaseVariableWidthVector a, byte[] c, byte[] r, int n, boolean swapped) {
      ArrowBuf ao = a.getOffsetBuffer();
      ArrowBuf ad = a.getDataBuffer();
      boolean equality = op == Op.EQ || op == Op.NE;
      for (int i = 0; i < n; i++) {
        long p = (long) i << 2;
        int as = ao.getInt(p);
        int ae = ao.getInt(p + 4);
        int cmp;
        if (equality) {
          cmp = ae - as == c.length && ByteFunctionHelpers.compare(ad, as, ae, c, 0, c.length) == 0 ? 0 : 1;
        } else {
          cmp = ByteFunctionHelpers.compare(ad, as, ae, c, 0, c.length);
        }
        r[i] = (byte) (op.test(swapped ? -cmp : cmp) ? 1 : 0);
      }
    }
  }

  /** SQL order for doubles: NaN equals NaN and is above everything; 0.0 equals -0.0. */
  static int sqlCompare(double x, double y) {
    boolean xn = x != x;
    boolean yn = y != y;
    if (xn || yn) {
      return xn && yn ? 0 : xn ? 1 : -1;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
}
