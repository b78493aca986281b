package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.Functions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.arrow.vector.FieldVector;

/**
 * Numeric functions. {@code abs, sign, floor, ceil, round, truncate} keep the argument's type (on
 * integers floor/ceil are the identity and rounding to negative digits works in powers of ten); the
 * rest compute in doubles with Java's semantics (NaN for a logarithm of a negative number).
 * {@code greatest}/{@code least} ignore NULL arguments, as in PostgreSQL and DuckDB.
 */
final class MathKernels {
  private MathKernels() {}

  /** Unary and binary double functions, one tight loop each. */
  enum Op {
    ABS, SIGN, FLOOR, CEIL, ROUND, TRUNCATE, SQRT, CBRT, EXP, LN, LOG10, LOG2, SIN, COS, TAN, ASIN,
    ACOS, ATAN, POWER, ATAN2
  }

  static Node compile(Call call, String f, Node[] a) {
    switch (f) {
      case Functions.GREATEST:
      case Functions.LEAST:
        return Extremes.compile(call, f.equals(Functions.GREATEST), a);
      case Functions.ROUND:
      case Functions.TRUNCATE:
        if (a.length > 1) {
          return new RoundDigits(call, a, f.equals(Functions.ROUND));
        }
        return new MathNode(call, Op.valueOf(f.toUpperCase(java.util.Locale.ROOT)), a);
      default:
        return new MathNode(call, Op.valueOf(f.toUpperCase(java.util.Locale.ROOT)), a);
    }
  }

  private static final class MathNode extends Node {
    private final Op op;
    private double[] x;
    private double[] y;
    private long[] lx;

    MathNode(Call call, Op op, Node[] args) {
      super(call, call.type(), args, false);
      this.op = op;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      FieldVector[] args = evalAll(children, in);
      try {
        FieldVector out = Vectors.allocate(type, n, in.allocator());
        Bits.andValidity(out, n, args);
        if (Lanes.kind(type) == Lanes.Kind.LONG) {
          long[] v = lx = Lanes.longs(args[0], n, lx);
          integers(v, n);
          Lanes.writeLongs(v, n, out);
        } else {
          double[] v = x = Lanes.doubles(args[0], n, x);
          if (args.length > 1) {
            y = Lanes.doubles(args[1], n, y);
          }
          doubles(v, y, n);
          Lanes.writeDoubles(v, n, out);
        }
        return Vectors.done(out, n);
      } finally {
        closeAll(args);
      }
    }

    private void integers(long[] v, int n) {
      switch (op) {
        case ABS:
          for (int i = 0; i < n; i++) {
            v[i] = Math.abs(v[i]);
          }
          break;
        case SIGN:
          for (int i = 0; i < n; i++) {
            v[i] = Long.signum(v[i]);
          }
          break;
        default:
          // floor, ceil, round, truncate of an integer is the integer itself.
      }
    }

    private void doubles(double[] v, double[] w, int n) {
      switch (op) {
        case ABS:
          for (int i = 0; i < n; i++) {
            v[i] = Math.abs(v[i]);
          }
          break;
        case SIGN:
          for (int i = 0; i < n; i++) {
            v[i] = Math.signum(v[i]);
          }
          break;
        case FLOOR:
          for (int i = 0; i < n; i++) {
            v[i] = Math.floor(v[i]);
          }
          break;
        case CEIL:
          for (int i = 0; i < n; i++) {
            v[i] = Math.ceil(v[i]);
          }
          break;
        case ROUND:
          for (int i = 0; i < n; i++) {
            v[i] = roundHalfAway(v[i]);
          }
          break;
        case TRUNCATE:
          for (int i = 0; i < n; i++) {
            v[i] = v[i] < 0 ? Math.ceil(v[i]) : Math.floor(v[i]);
          }
          break;
        case SQRT:
          for (int i = 0; i < n; i++) {
            v[i] = Math.sqrt(v[i]);
          }
          break;
        case CBRT:
          for (int i = 0; i < n; i++) {
            v[i] = Math.cbrt(v[i]);
          }
          break;
        case EXP:
          for (int i = 0; i < n; i++) {
            v[i] = Math.exp(v[i]);
          }
          break;
        case LN:
          for (int i = 0; i < n; i++) {
            v[i] = Math.log(v[i]);
          }
          break;
        case LOG10:
          for (int i = 0; i < n; i++) {
            v[i] = Math.log10(v[i]);
          }
          break;
        case LOG2:
          for (int i = 0; i < n; i++) {
            v[i] = Math.log(v[i]) / Math.log(2);
          }
          break;
        case SIN:
          for (int i = 0; i < n; i++) {
            v[i] = Math.sin(v[i]);
          }
          break;
        case COS:
          for (int i = 0; i < n; i++) {
            v[i] = Math.cos(v[i]);
          }
          break;
        case TAN:
          for (int i = 0; i < n; i++) {
            v[i] = Math.tan(v[i]);
          }
          break;
        case ASIN:
          for (int i = 0; i < n; i++) {
            v[i] = Math.asin(v[i]);
          }
          break;
        case ACOS:
          for (int i = 0; i < n; i++) {
            v[i] = Math.acos(v[i]);
          }
          break;
        case ATAN:
          for (int i = 0; i < n; i++) {
            v[i] = Math.atan(v[i]);
          }
          break;
        case POWER:
          for (int i = 0; i < n; i++) {
            v[i] = Math.pow(v[i], w[i]);
          }
          break;
        default: // ATAN2
          for (int i = 0; i < n; i++) {
            v[i] = Math.atan2(v[i], w[i]);
          }
      }
    }
  }

  /** Rounds half away from zero (2.5 -> 3, -2.5 -> -3), exactly at the half. */
  static double roundHalfAway(double x) {
    double f = Math.floor(x);
    double diff = x - f;
    if (diff > 0.5) {
      return f + 1;
    }
    if (diff < 0.5) {
      return f;
    }
    return x >= 0 ? f + 1 : f;
  }

  /** {@code round(x, digits)} and {@code truncate(x, digits)}. */
  private static final class RoundDigits extends Node {
    private final boolean round;

    RoundDigits(Call call, Node[] args, boolean round) {
      super(call, call.type(), args, false);
      this.round = round;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      FieldVector[] args = evalAll(children, in);
      try {
        FieldVector out = Vectors.allocate(type, n, in.allocator());
        Bits.andValidity(out, n, args);
        long[] digits = Lanes.longs(args[1], n, null);
        if (Lanes.kind(type) == Lanes.Kind.LONG) {
          long[] v = Lanes.longs(args[0], n, null);
          for (int i = 0; i < n; i++) {
            v[i] = integer(v[i], digits[i]);
          }
          Lanes.writeLongs(v, n, out);
        } else {
          double[] v = Lanes.doubles(args[0], n, null);
          for (int i = 0; i < n; i++) {
            v[i] = decimal(v[i], digits[i]);
          }
          Lanes.writeDoubles(v, n, out);
        }
        return Vectors.done(out, n);
      } finally {
        closeAll(args);
      }
    }

    private long integer(long x, long digits) {
      if (digits >= 0) {
        return x;
      }
      if (digits < -18) {
        return 0;
      }
      long scale = 1;
      for (long d = digits; d < 0; d++) {
        scale *= 10;
      }
      long q = x / scale;
      long rem = x % scale;
      if (round && Math.abs(rem) * 2 >= scale) {
        q += x < 0 ? -1 : 1;
      }
      return q * scale;
    }

    private double decimal(double x, long digits) {
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        return x;
      }
      int d = (int) Math.max(-308, Math.min(308, digits));
      double scale = Math.pow(10, Math.abs(d));
      double y = d >= 0 ? x * scale : x / scale;
      if (Double.isInfinite(y)) {
        return x;
      }
      double r = round ? roundHalfAway(y) : (y < 0 ? Math.ceil(y) : Math.floor(y));
      double frac = Math.abs(y - Math.floor(y));
      boolean nearEdge = round ? Math.abs(frac - 0.5) < 1e-6 : frac < 1e-6 || frac > 1 - 1e-6;
      if (nearEdge && d >= 0) {
        // x*10^d is not exact in binary; decide on the shortest decimal spelling of x instead.
        return BigDecimal.valueOf(x).setScale(d, round ? RoundingMode.HALF_UP : RoundingMode.DOWN)
            .doubleValue();
      }
      return d >= 0 ? r / scale : r * scale;
    }
  }
}
