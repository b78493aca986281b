package io.quiver.executor.sink;

import io.quiver.executor.vector.JsonStrings;
import io.quiver.udf.tensor.FixedShapeTensorType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Values as text for CSV and JSON output. Numbers as Java prints them (readable back by Quiver, DuckDB
 * and Spark), DATE as {@code 2024-01-31}, TIMESTAMP as {@code 2024-01-31 12:00:00.250} (fraction only
 * when non-zero), binary as base64, lists as {@code [1, 2]} (CSV) or JSON arrays, tensors as nested
 * arrays following their shape. In JSON, strings, dates and timestamps are quoted, and NaN and the
 * infinities (which JSON cannot spell) are written as null.
 */
final class TextValues {
  private TextValues() {}

  /** Appends value {@code i} of {@code v} (not NULL: the caller handles NULLs) in CSV or JSON style. */
  static void append(StringBuilder sb, FieldVector v, int i, boolean json) {
    if (v instanceof ExtensionTypeVector<?> ext && v.getField().getType() instanceof FixedShapeTensorType t) {
      FixedSizeListVector storage = (FixedSizeListVector) ext.getUnderlyingVector();
      int[] shape = t.shape();
      int[] next = {i * t.size()};
      appendTensor(sb, storage.getDataVector(), shape, 0, next, json);
      return;
    }
    if (v instanceof BaseVariableWidthVector || v instanceof BaseLargeVariableWidthVector) {
      byte[] bytes = v instanceof BaseVariableWidthVector b ? b.get(i) : ((BaseLargeVariableWidthVector) v).get(i);
      boolean text = v.getField().getType() instanceof ArrowType.Utf8 || v.getField().getType() instanceof ArrowType.LargeUtf8;
      String s = text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
      if (json) {
        JsonStrings.append(sb, s);
      } else {
        sb.append(s);
      }
    } else if (v instanceof ListVector || v instanceof LargeListVector || v instanceof FixedSizeListVector) {
      appendList(sb, v, i, json);
    } else if (v instanceof IntVector x) {
      sb.append(x.get(i));
    } else if (v instanceof BigIntVector x) {
      sb.append(x.get(i));
    } else if (v instanceof SmallIntVector x) {
      sb.append(x.get(i));
    } else if (v instanceof TinyIntVector x) {
      sb.append(x.get(i));
    } else if (v instanceof UInt1Vector x) {
      sb.append(x.get(i) & 0xFF);
    } else if (v instanceof UInt2Vector x) {
      sb.append((int) x.get(i));
    } else if (v instanceof UInt4Vector x) {
      sb.append(Integer.toUnsignedLong(x.get(i)));
    } else if (v instanceof UInt8Vector x) {
      sb.append(Long.toUnsignedString(x.get(i)));
    } else if (v instanceof Float8Vector x) {
      appendDouble(sb, x.get(i), json);
    } else if (v instanceof Float4Vector x) {
      float f = x.get(i);
      if (json && (Float.isNaN(f) || Float.isInfinite(f))) {
        sb.append("null");
      } else {
        sb.append(f);
      }
    } else if (v instanceof BitVector x) {
      sb.append(x.get(i) != 0);
    } else if (v instanceof DateDayVector x) {
      quoted(sb, LocalDate.ofEpochDay(x.get(i)).toString(), json);
    } else if (v instanceof DateMilliVector x) {
      quoted(sb, LocalDate.ofEpochDay(Math.floorDiv(x.get(i), 86_400_000L)).toString(), json);
    } else if (v instanceof TimeStampVector x) {
      quoted(sb, timestamp(x.get(i), ((ArrowType.Timestamp) x.getField().getType()).getUnit()), json);
    } else {
      Object o = v.getObject(i);
      if (json) {
        JsonStrings.append(sb, String.valueOf(o));
      } else {
        sb.append(o);
      }
    }
  }

  private static void appendDouble(StringBuilder sb, double d, boolean json) {
    if (json && (Double.isNaN(d) || Double.isInfinite(d))) {
      sb.append("null");
    } else {
      sb.append(d);
    }
  }

  private static void quoted(StringBuilder sb, String s, boolean json) {
    if (json) {
      sb.append('"').append(s).append('"');
    } else {
      sb.append(s);
    }
  }

  private static void appendList(StringBuilder sb, FieldVector v, int i, boolean json) {
    FieldVector data;
    int start;
    int end;
    if (v instanceof FixedSizeListVector f) {
      data = f.getDataVector();
      start = i * f.getListSize();
      end = start + f.getListSize();
    } else if (v instanceof ListVector l) {
      data = l.getDataVector();
      start = l.getElementStartIndex(i);
      end = l.getElementEndIndex(i);
    } else {
      LargeListVector l = (LargeListVector) v;
      data = l.getDataVector();
      start = (int) l.getElementStartIndex(i);
      end = (int) l.getElementEndIndex(i);
    }
    sb.append('[');
    for (int k = start; k < end; k++) {
      if (k > start) {
        sb.append(json ? "," : ", ");
      }
      element(sb, data, k, json);
    }
    sb.append(']');
  }

  private static void appendTensor(StringBuilder sb, FieldVector data, int[] shape, int dim, int[] next, boolean json) {
    sb.append('[');
    for (int k = 0; k < shape[dim]; k++) {
      if (k > 0) {
        sb.append(json ? "," : ", ");
      }
      if (dim + 1 < shape.length) {
        appendTensor(sb, data, shape, dim + 1, next, json);
      } else {
        element(sb, data, next[0]++, json);
      }
    }
    sb.append(']');
  }

  private static void element(StringBuilder sb, FieldVector data, int k, boolean json) {
    if (data.isNull(k)) {
      sb.append(json ? "null" : "NULL");
    } else if (!json && (data instanceof BaseVariableWidthVector)) {
      JsonStrings.append(sb, new String(((BaseVariableWidthVector) data).get(k), StandardCharsets.UTF_8));
    } else {
      append(sb, data, k, json);
    }
  }

  /** {@code 2024-01-31 12:00:00} plus a fraction without trailing zeros when there is one. */
  static String timestamp(long value, TimeUnit unit) {
    long seconds;
    long nanos;
    switch (unit) {
      case SECOND:
        seconds = value;
        nanos = 0;
        break;
      case MILLISECOND:
        seconds = Math.floorDiv(value, 1000L);
        nanos = Math.floorMod(value, 1000L) * 1_000_000L;
        break;
      case MICROSECOND:
        seconds = Math.floorDiv(value, 1_000_000L);
        nanos = Math.floorMod(value, 1_000_000L) * 1000L;
        break;
      default:
        seconds = Math.floorDiv(value, 1_000_000_000L);
        nanos = Math.floorMod(value, 1_000_000_000L);
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(26);
    sb.append(t.toLocalDate()).append(' ');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond());
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.toString();
  }

  private static StringBuilder two(StringBuilder sb, int n) {
    return sb.append(n < 10 ? "0" : "").append(n);
  }
}
