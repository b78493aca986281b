package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code extract(unit, x)} on DATE (days) and TIMESTAMP (microseconds). Calendar fields come from
 * integer arithmetic on the epoch day (no objects per row, except for ISO weeks). {@code dow} is 0 for
 * Sunday; {@code week} is the ISO week; {@code second} and {@code epoch} keep their fraction when the
 * result type is floating point.
 */
final class DateKernels {
  private DateKernels() {}

  enum Unit {
    YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, DOW, ISODOW, DOY, QUARTER, WEEK,
    EPOCH, DECADE, CENTURY
  }

  static Unit unit(String name) {
    String u = name.toLowerCase(Locale.ROOT).strip();
    switch (u) {
      case "years":
        return Unit.YEAR;
      case "months":
        return Unit.MONTH;
      case "days":
      case "dayofmonth":
        return Unit.DAY;
      case "hours":
        return Unit.HOUR;
      case "minutes":
        return Unit.MINUTE;
      case "seconds":
        return Unit.SECOND;
      case "milliseconds":
        return Unit.MILLISECOND;
      case "microseconds":
        return Unit.MICROSECOND;
      case "dayofweek":
        return Unit.DOW;
      case "dayofyear":
        return Unit.DOY;
      case "weeks":
      case "weekofyear":
        return Unit.WEEK;
      default:
        try {
          return Unit.valueOf(u.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          return null;
        }
    }
  }

  static Node extract(Call call, Node[] a) {
    if (!(a[0] instanceof LiteralNode lit) || lit.value() == null) {
      throw NodeCompiler.invalid(call, "The unit of extract must be a constant string");
    }
    Unit unit = unit(lit.value().toString());
    if (unit == null) {
      throw NodeCompiler.invalid(call, "Unknown unit '" + lit.value() + "' for extract (use year, month, "
          + "day, hour, minute, second, dow, doy, quarter, week or epoch)");
    }
    return new Extract(call, unit, a[1]);
  }

  private static final class Extract extends Node {
    private final Unit unit;
    private final boolean timestamp;
    private long[] raw;

    Extract(Call call, Unit unit, Node x) {
      super(call, call.type(), new Node[] {x}, false);
      this.unit = unit;
      this.timestamp = x.type() instanceof ArrowType.Timestamp;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector v = children[0].eval(in)) {
        long[] x = raw = Lanes.longs(v, n, raw);
        boolean fractional = Lanes.kind(type) == Lanes.Kind.DOUBLE;
        FieldVector out = Vectors.allocate(type, n, in.allocator());
        Bits.andValidity(out, n, v);
        if (fractional) {
          double[] d = new double[n];
          for (int i = 0; i < n; i++) {
            d[i] = fieldDouble(x[i]);
          }
          Lanes.writeDoubles(d, n, out);
        } else {
          long[] r = new long[n];
          for (int i = 0; i < n; i++) {
            r[i] = field(x[i]);
          }
          Lanes.writeLongs(r, n, out);
        }
        return Vectors.done(out, n);
      }
    }

    private double fieldDouble(long x) {
      if (unit == Unit.SECOND && timestamp) {
        return Math.floorMod(x, 60_000_000L) / 1e6;
      }
      if (unit == Unit.EPOCH) {
        return timestamp ? x / 1e6 : x * 86400.0;
      }
      return field(x);
    }

    private long field(long x) {
      long days = timestamp ? Math.floorDiv(x, TextFormats.MICROS_PER_DAY) : x;
      long micros = timestamp ? Math.floorMod(x, TextFormats.MICROS_PER_DAY) : 0;
      switch (unit) {
        case YEAR:
          return yearOf(days);
        case MONTH:
          return monthOf(days);
        case DAY:
          return dayOf(days);
        case QUARTER:
          return (monthOf(days) - 1) / 3 + 1;
        case DECADE:
          return Math.floorDiv(yearOf(days), 10);
        case CENTURY: {
          long y = yearOf(days);
          return y > 0 ? (y + 99) / 100 : -((-y) / 100 + 1);
        }
        case DOW:
          return Math.floorMod(days + 4, 7);
        case ISODOW:
          return Math.floorMod(days + 3, 7) + 1;
        case DOY:
          return days - daysFromCivil(yearOf(days), 1, 1) + 1;
        case WEEK:
          return LocalDate.ofEpochDay(days).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        case HOUR:
          return micros / 3_600_000_000L;
        case MINUTE:
          return micros / 60_000_000L % 60;
        case SECOND:
          return micros / 1_000_000L % 60;
        case MILLISECOND:
          return micros / 1000 % 60_000;
        case MICROSECOND:
          return micros % 60_000_000L;
        default: // EPOCH
          return timestamp ? Math.floorDiv(x, 1_000_000L) : days * 86400;
      }
    }
  }

  // Howard Hinnant's civil-from-days algorithm: proleptic Gregorian fields of an epoch day.

  static long yearOf(long days) {
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return yoe + era * 400 + (m <= 2 ? 1 : 0);
  }

  static long monthOf(long days) {
    long z = days + 719468;
    long doe = z - Math.floorDiv(z, 146097) * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    return mp < 10 ? mp + 3 : mp - 9;
  }

  static long dayOf(long days) {
    long z = days + 719468;
    long doe = z - Math.floorDiv(z, 146097) * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    return doy - (153 * mp + 2) / 5 + 1;
  }

  static long daysFromCivil(long y, long m, long d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
