package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.Functions;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * String functions. {@code length}, {@code lower} and {@code upper} work on the UTF-8 bytes (ASCII
 * rows without decoding); the rest go through {@link StringFunctions} row by row.
 */
final class StringKernels {
  private StringKernels() {}

  static Node compile(Call call, String f, Node[] a) {
    switch (f) {
      case Functions.LOWER:
        return new CaseMap(call, a[0], false);
      case Functions.UPPER:
        return new CaseMap(call, a[0], true);
      case Functions.LENGTH:
        return new Length(call, call.type(), a[0]);
      case Functions.SUBSTRING: {
        boolean hasLength = a.length > 2;
        boolean mayFail = hasLength && !(a[2] instanceof LiteralNode l && l.value() != null
            && Vectors.toLong(l.value()) >= 0);
        return RowNode.strings(call, a, mayFail, (r, i) -> StringFunctions.substring(r.str(0, i),
            r.lng(1, i), hasLength ? r.lng(2, i) : 0, hasLength));
      }
      case Functions.CONCAT:
        return RowNode.strings(call, a, false, (r, i) -> {
          StringBuilder sb = new StringBuilder();
          for (int k = 0; k < a.length; k++) {
            sb.append(r.str(k, i));
          }
          return sb.toString();
        });
      case Functions.CONCAT_WS_NULLS:
        return RowNode.nullSafeStrings(call, a, (r, i) -> {
          StringBuilder sb = new StringBuilder();
          for (int k = 0; k < a.length; k++) {
            if (!r.isNull(k, i)) {
              sb.append(r.str(k, i));
            }
          }
          return sb.toString();
        });
      case Functions.TRIM:
      case Functions.LTRIM:
      case Functions.RTRIM: {
        boolean leading = !f.equals(Functions.RTRIM);
        boolean trailing = !f.equals(Functions.LTRIM);
        return RowNode.strings(call, a, false, (r, i) -> StringFunctions.trim(r.str(0, i),
            a.length > 1 ? r.str(1, i) : " ", leading, trailing));
      }
      case Functions.REPLACE:
        return RowNode.strings(call, a, false,
            (r, i) -> StringFunctions.replace(r.str(0, i), r.str(1, i), r.str(2, i)));
      case Functions.SPLIT_PART:
        if (a[1] instanceof LiteralNode d && d.value() != null && !d.value().toString().isEmpty()
            && a[2] instanceof LiteralNode k && k.value() != null) {
          return new SplitPartNode(call, a[0], d.value().toString(), Vectors.toLong(k.value()));
        }
        return RowNode.strings(call, a, false,
            (r, i) -> StringFunctions.splitPart(r.str(0, i), r.str(1, i), r.lng(2, i)));
      case Functions.POSITION:
        return RowNode.longs(call, call.type(), a, false,
            (r, i) -> StringFunctions.position(r.str(0, i), r.str(1, i)));
      case Functions.REVERSE:
        return RowNode.strings(call, a, false, (r, i) -> StringFunctions.reverse(r.str(0, i)));
      case Functions.LPAD:
      case Functions.RPAD: {
        boolean left = f.equals(Functions.LPAD);
        return RowNode.strings(call, a, true, (r, i) -> StringFunctions.pad(r.str(0, i), r.lng(1, i),
            a.length > 2 ? r.str(2, i) : " ", left));
      }
      case Functions.REPEAT:
        return RowNode.strings(call, a, true, (r, i) -> StringFunctions.repeat(r.str(0, i), r.lng(1, i)));
      case Functions.LEFT:
        return RowNode.strings(call, a, false, (r, i) -> StringFunctions.left(r.str(0, i), r.lng(1, i)));
      case Functions.RIGHT:
        return RowNode.strings(call, a, false, (r, i) -> StringFunctions.right(r.str(0, i), r.lng(1, i)));
      default:
        return null;
    }
  }

  /** Length in characters (Utf8: bytes that do not continue a character) or bytes (binary). */
  private static final class Length extends Node {
    private long[] out;

    Length(Call call, ArrowType type, Node arg) {
      super(call, type, new Node[] {arg}, false);
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector s = children[0].eval(in)) {
        FieldVector result = Vectors.allocate(type, n, in.allocator());
        if (s instanceof NullVector) {
          return Vectors.done(result, n);
        }
        BaseVariableWidthVector v = (BaseVariableWidthVector) s;
        boolean chars = v instanceof VarCharVector;
        ArrowBuf off = v.getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        long[] r = out = Lanes.longArray(out, n);
        for (int i = 0; i < n; i++) {
          int start = off.getInt((long) i << 2);
          int end = off.getInt((long) (i + 1) << 2);
          if (chars) {
            int c = 0;
            for (int p = start; p < end; p++) {
              c += (data.getByte(p) & 0xC0) != 0x80 ? 1 : 0;
            }
            r[i] = c;
          } else {
            r[i] = end - start;
          }
        }
        Lanes.writeLongs(r, n, result);
        Bits.andValidity(result, n, s);
        return Vectors.done(result, n);
      }
    }
  }

  /** lower/upper: ASCII rows are mapped byte by byte, others through Java's root-locale mapping. */
  private static final class CaseMap extends Node {
    private final boolean upper;
    private byte[] scratch = new byte[64];

    CaseMap(Call call, Node arg, boolean upper) {
      super(call, Vectors.UTF8, new Node[] {arg}, false);
      this.upper = upper;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector s = children[0].eval(in)) {
        if (s instanceof NullVector || n == 0) {
          return Vectors.done(Vectors.allocate(type, n, in.allocator(), 0), n);
        }
        VarCharVector v = (VarCharVector) s;
        ArrowBuf off = v.getOffsetBuffer();
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf valid = v.getValidityBuffer();
        VarCharVector out = (VarCharVector) Vectors.allocate(type, n, in.allocator(),
            Math.max(16, off.getInt((long) n << 2) - off.getInt(0)));
        try {
          for (int i = 0; i < n; i++) {
            if (!Bits.get(valid, i)) {
              continue;
            }
            int start = off.getInt((long) i << 2);
            int len = off.getInt((long) (i + 1) << 2) - start;
            if (scratch.length < len) {
              scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            byte[] b = scratch;
            data.getBytes(start, b, 0, len);
            boolean ascii = true;
            for (int p = 0; p < len; p++) {
              int c = b[p];
              if (c < 0) {
                ascii = false;
                break;
              }
              if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) {
                b[p] = (byte) (c ^ 0x20);
              }
            }
            if (ascii) {
              out.setSafe(i, b, 0, len);
            } else {
              String str = Vectors.string(v, i);
              String mapped = upper ? str.toUpperCase(java.util.Locale.ROOT) : str.toLowerCase(java.util.Locale.ROOT);
              out.setSafe(i, mapped.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
          }
          return Vectors.done(out, n);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      }
    }
  }
}
