package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code greatest} and {@code least}: NULL arguments are skipped (PostgreSQL, DuckDB); the result is
 * NULL only when every argument is. Numbers use lanes; strings compare by code point.
 */
final class Extremes {
  private Extremes() {}

  static Node compile(Call call, boolean greatest, Node[] args) {
    if (Lanes.kind(call.type()) == Lanes.Kind.BYTES) {
      return RowNode.nullSafeStrings(call, args, (r, i) -> {
        String best = null;
        for (int k = 0; k < args.length; k++) {
          if (!r.isNull(k, i)) {
            String s = r.str(k, i);
            if (best == null || (greatest ? compare(s, best) > 0 : compare(s, best) < 0)) {
              best = s;
            }
          }
        }
        return best;
      });
    }
    return new Numeric(call, greatest, args);
  }

  /** Code point order, which matches UTF-8 byte order (String.compareTo does not, for surrogates). */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static final class Numeric extends Node {
    private final boolean greatest;

    Numeric(Call call, boolean greatest, Node[] args) {
      super(call, call.type(), args, false);
      this.greatest = greatest;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      boolean asDouble = Lanes.kind(type) == Lanes.Kind.DOUBLE;
      long[] lacc = asDouble ? null : new long[n];
      double[] dacc = asDouble ? new double[n] : null;
      byte[] has = new byte[n];
      long[] lv = null;
      double[] dv = null;
      for (Node child : children) {
        try (FieldVector v = child.eval(in)) {
          ArrowBuf valid = Bits.validity(v);
          if (valid == null) {
            continue;
          }
          byte[] ok = Bits.unpack(valid, n, null);
          if (asDouble) {
            dv = Lanes.doubles(v, n, dv);
            for (int i = 0; i < n; i++) {
              if (ok[i] != 0 && (has[i] == 0 || better(dv[i], dacc[i]))) {
                dacc[i] = dv[i];
                has[i] = 1;
              }
            }
          } else {
            lv = Lanes.longs(v, n, lv);
            for (int i = 0; i < n; i++) {
              if (ok[i] != 0 && (has[i] == 0 || (greatest ? lv[i] > lacc[i] : lv[i] < lacc[i]))) {
                lacc[i] = lv[i];
                has[i] = 1;
              }
            }
          }
        }
      }
      FieldVector out = Vectors.allocate(type, n, in.allocator());
      if (asDouble) {
        Lanes.writeDoubles(dacc, n, out);
      } else {
        Lanes.writeLongs(lacc, n, out);
      }
      Bits.pack(has, n, out.getValidityBuffer());
      return Vectors.done(out, n);
    }

    private boolean better(double x, double best) {
      int c = ComparisonKernels.sqlCompare(x, best);
      return greatest ? c > 0 : c < 0;
    }
  }
}
