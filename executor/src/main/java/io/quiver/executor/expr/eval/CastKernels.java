package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code cast} and {@code try_cast} between the integer widths, FLOAT, DOUBLE, BOOLEAN, VARCHAR,
 * VARBINARY, DATE and TIMESTAMP. Numbers convert in lanes: floating point to integer truncates toward
 * zero (as Calcite does when it folds a constant CAST at planning, so constants and columns agree; Spark
 * and Java do the same); values out of the target's range, NaN, infinities and unparsable strings are errors
 * naming the value under CAST, and NULL under TRY_CAST. DATE and TIMESTAMP convert to and from
 * integers as days and microseconds since the epoch.
 */
final class CastKernels {
  private CastKernels() {}

  static Node compile(Call call, Node arg, boolean tryCast) {
    ArrowType from = arg.type();
    ArrowType to = call.type();
    if (from.equals(to)) {
      return arg;
    }
    Lanes.Kind kf = Lanes.kind(from);
    Lanes.Kind kt = Lanes.kind(to);
    boolean fromNull = from instanceof ArrowType.Null;
    if (kt == Lanes.Kind.OTHER || (kf == Lanes.Kind.OTHER && !fromNull)) {
      throw NodeCompiler.unsupported(call, "CAST from " + Vectors.sqlName(from) + " to " + Vectors.sqlName(to));
    }
    return new Cast(call, arg, tryCast);
  }

  private static final class Cast extends Node {
    private final boolean tryCast;
    private final ArrowType from;
    private final String target;
    private long[] longs;
    private double[] doubles;

    Cast(Call call, Node arg, boolean tryCast) {
      super(call, call.type(), new Node[] {arg}, !tryCast);
      this.tryCast = tryCast;
      this.from = arg.type();
      this.target = Vectors.sqlName(call.type());
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector v = children[0].eval(in)) {
        if (v instanceof NullVector) {
          return Vectors.done(Vectors.allocate(type, n, in.allocator(), 0), n);
        }
        Lanes.Kind kt = Lanes.kind(type);
        Lanes.Kind kf = Lanes.kind(from);
        FieldVector out = Vectors.allocate(type, n, in.allocator(),
            kf == Lanes.Kind.BYTES ? v.getDataBuffer().capacity() : 16L * n);
        try {
          if (kt == Lanes.Kind.BYTES) {
            toBytes(v, n, out);
          } else {
            Bits.copy(out.getValidityBuffer(), v.getValidityBuffer(), n);
            if (kf == Lanes.Kind.BYTES) {
              parse((BaseVariableWidthVector) v, n, out, in);
            } else if (kt == Lanes.Kind.DOUBLE) {
              double[] d = doubles = Lanes.doubles(v, n, doubles);
              Lanes.writeDoubles(d, n, out);
            } else if (kf == Lanes.Kind.DOUBLE) {
              fromDoubles(Lanes.doubles(v, n, doubles), n, out, in);
            } else {
              fromLongs(Lanes.longs(v, n, longs), n, out, in);
            }
          }
          return Vectors.done(out, n);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      }
    }

    /** Integer-like to integer-like: rescale dates/timestamps, check ranges, normalize booleans. */
    private void fromLongs(long[] x, int n, FieldVector out, Input in) {
      longs = x;
      ArrowBuf valid = out.getValidityBuffer();
      if (from instanceof ArrowType.Date && type instanceof ArrowType.Timestamp) {
        for (int i = 0; i < n; i++) {
          x[i] *= TextFormats.MICROS_PER_DAY;
        }
      } else if (from instanceof ArrowType.Timestamp && type instanceof ArrowType.Date) {
        for (int i = 0; i < n; i++) {
          x[i] = Math.floorDiv(x[i], TextFormats.MICROS_PER_DAY);
        }
      } else if (type instanceof ArrowType.Int t && t.getBitWidth() < 64) {
        long max = (1L << (t.getBitWidth() - 1)) - 1;
        long min = -max - 1;
        for (int i = 0; i < n; i++) {
          if ((x[i] < min || x[i] > max) && Bits.get(valid, i)) {
            outOfRange(Long.toString(x[i]), valid, i, in);
          }
        }
      } else if (type instanceof ArrowType.Date) {
        for (int i = 0; i < n; i++) {
          if ((x[i] < Integer.MIN_VALUE || x[i] > Integer.MAX_VALUE) && Bits.get(valid, i)) {
            outOfRange(Long.toString(x[i]), valid, i, in);
          }
        }
      }
      Lanes.writeLongs(x, n, out);
    }

    /** Floating point to integer-like: truncate toward zero, with range checks. */
    private void fromDoubles(double[] d, int n, FieldVector out, Input in) {
      doubles = d;
      long[] x = longs = Lanes.longArray(longs, n);
      ArrowBuf valid = out.getValidityBuffer();
      if (type instanceof ArrowType.Bool) {
        for (int i = 0; i < n; i++) {
          x[i] = d[i] != 0 ? 1 : 0;
        }
      } else {
        double max = type instanceof ArrowType.Int t && t.getBitWidth() < 64 ? (1L << (t.getBitWidth() - 1)) - 1
            : type instanceof ArrowType.Date ? Integer.MAX_VALUE : 9.223372036854775807E18;
        double min = -max - 1;
        for (int i = 0; i < n; i++) {
          double r = d[i] < 0 ? Math.ceil(d[i]) : Math.floor(d[i]);
          // NaN fails both comparisons, so it lands here too.
          if (!(r >= min && r < max + 1)) {
            x[i] = 0;
            if (Bits.get(valid, i)) {
              outOfRange(TextFormats.formatDouble(d[i]), valid, i, in);
            }
          } else {
            x[i] = (long) r;
          }
        }
      }
      Lanes.writeLongs(x, n, out);
    }

    private void outOfRange(String value, ArrowBuf valid, int i, Input in) {
      if (tryCast) {
        Bits.clear(valid, i);
      } else {
        throw error(in, "Value " + value + " is out of range for " + target);
      }
    }

    /** Strings to numbers, booleans, dates and timestamps, row by row. */
    private void parse(BaseVariableWidthVector v, int n, FieldVector out, Input in) {
      ArrowBuf valid = out.getValidityBuffer();
      boolean asDouble = Lanes.kind(type) == Lanes.Kind.DOUBLE;
      long[] x = asDouble ? null : (longs = Lanes.longArray(longs, n));
      double[] d = asDouble ? (doubles = Lanes.doubleArray(doubles, n)) : null;
      long max = type instanceof ArrowType.Int t && t.getBitWidth() < 64 ? (1L << (t.getBitWidth() - 1)) - 1
          : Long.MAX_VALUE;
      boolean integer = type instanceof ArrowType.Int;
      ArrowBuf off = v.getOffsetBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < n; i++) {
        if (!Bits.get(valid, i)) {
          continue;
        }
        if (integer) {
          // Plain decimal digits (the common case) parse straight from the bytes.
          long parsed = digits(data, off.getInt((long) i << 2), off.getInt((long) (i + 1) << 2));
          if (parsed != NOT_SIMPLE && parsed <= max && parsed >= -max - 1) {
            x[i] = parsed;
            continue;
          }
        }
        String s = new String(v.get(i), StandardCharsets.UTF_8);
        try {
          if (asDouble) {
            d[i] = TextFormats.parseDouble(s, target);
          } else if (type instanceof ArrowType.Bool) {
            x[i] = TextFormats.parseBoolean(s) ? 1 : 0;
          } else if (type instanceof ArrowType.Date) {
            x[i] = TextFormats.parseDate(s);
          } else if (type instanceof ArrowType.Timestamp) {
            x[i] = TextFormats.parseTimestamp(s);
          } else {
            x[i] = TextFormats.parseLong(s, target);
            if (x[i] > max || x[i] < -max - 1) {
              throw new IllegalArgumentException("Value '" + s + "' is out of range for " + target);
            }
          }
        } catch (IllegalArgumentException e) {
          if (!tryCast) {
            throw error(in, e.getMessage());
          }
          Bits.clear(valid, i);
        }
      }
      if (asDouble) {
        Lanes.writeDoubles(d, n, out);
      } else {
        Lanes.writeLongs(x, n, out);
      }
    }

    private static final long NOT_SIMPLE = Long.MIN_VALUE;

    /** An optionally signed run of at most 18 ASCII digits, else {@link #NOT_SIMPLE}. */
    private static long digits(ArrowBuf d, int start, int end) {
      if (start >= end) {
        return NOT_SIMPLE;
      }
      boolean negative = false;
      byte c0 = d.getByte(start);
      if (c0 == '-' || c0 == '+') {
        negative = c0 == '-';
        start++;
      }
      if (start >= end || end - start > 18) {
        return NOT_SIMPLE;
      }
      long value = 0;
      for (int p = start; p < end; p++) {
        int c = d.getByte(p) - '0';
        if (c < 0 || c > 9) {
          return NOT_SIMPLE;
        }
        value = value * 10 + c;
      }
      return negative ? -value : value;
    }

    /** Anything to VARCHAR (its text form) or VARBINARY (UTF-8 bytes of text, or the bytes). */
    private void toBytes(FieldVector v, int n, FieldVector out) {
      BaseVariableWidthVector o = (BaseVariableWidthVector) out;
      ArrowBuf valid = Bits.validity(v);
      Lanes.Kind kf = Lanes.kind(from);
      long[] x = kf == Lanes.Kind.LONG ? Lanes.longs(v, n, longs) : null;
      double[] d = kf == Lanes.Kind.DOUBLE ? Lanes.doubles(v, n, doubles) : null;
      boolean isFloat = from instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.SINGLE;
      for (int i = 0; i < n; i++) {
        if (!Bits.get(valid, i)) {
          continue;
        }
        if (kf == Lanes.Kind.BYTES) {
          o.setSafe(i, ((BaseVariableWidthVector) v).get(i));
          continue;
        }
        String s;
        if (d != null) {
          s = isFloat ? TextFormats.formatFloat((float) d[i]) : TextFormats.formatDouble(d[i]);
        } else if (from instanceof ArrowType.Bool) {
          s = x[i] != 0 ? "true" : "false";
        } else if (from instanceof ArrowType.Date) {
          s = TextFormats.formatDate(x[i]);
        } else if (from instanceof ArrowType.Timestamp) {
          s = TextFormats.formatTimestamp(x[i]);
        } else {
          s = Long.toString(x[i]);
        }
        o.setSafe(i, s.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
