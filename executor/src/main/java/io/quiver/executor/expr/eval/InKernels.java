package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * {@code in(x, c1, c2, ...)} against constants: TRUE if x equals one of them, else NULL if x is NULL
 * or a constant is NULL, else FALSE. Few constants are scanned, many go through a hash set.
 */
final class InKernels {
  private InKernels() {}

  private static final int SCAN_LIMIT = 8;
  private static final long DENSE_LIMIT = 1 << 16;

  /** Null if some list element is not a constant (the caller then rewrites to ORed equalities). */
  static Node compile(Expr expr, Node x, Node[] list) {
    List<Object> values = new ArrayList<>();
    boolean hasNull = false;
    for (Node n : list) {
      if (!(n instanceof LiteralNode lit)) {
        return null;
      }
      if (lit.value() == null) {
        hasNull = true;
      } else {
        values.add(lit.value());
      }
    }
    Lanes.Kind kind = Lanes.kind(x.type());
    if (kind == Lanes.Kind.OTHER) {
      return null;
    }
    return new In(expr, x, kind, values, hasNull);
  }

  private static final class In extends Node {
    private final Lanes.Kind kind;
    private final boolean hasNull;
    private final long[] longKeys;
    private final ConstantSets.Longs longSet;
    private final ConstantSets.Bytes byteSet;
    /** For integer constants spanning a small range: membership by table lookup. */
    private final boolean[] dense;
    private final long denseMin;
    private long[] la;
    private double[] da;
    private byte[] res;

    In(Expr expr, Node x, Lanes.Kind kind, List<Object> values, boolean hasNull) {
      super(expr, Vectors.BOOL, new Node[] {x}, false);
      this.kind = kind;
      this.hasNull = hasNull;
      if (kind == Lanes.Kind.BYTES) {
        byte[][] b = new byte[values.size()][];
        for (int i = 0; i < b.length; i++) {
          b[i] = Vectors.bytes(values.get(i));
        }
        byteSet = new ConstantSets.Bytes(b);
        longKeys = null;
        longSet = null;
        dense = null;
        denseMin = 0;
      } else {
        long[] keys = new long[values.size()];
        for (int i = 0; i < keys.length; i++) {
          Object v = values.get(i);
          keys[i] = kind == Lanes.Kind.DOUBLE ? Hashing.doubleKey(((Number) v).doubleValue()) : Vectors.toLong(v);
        }
        longKeys = keys;
        byteSet = null;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long key : keys) {
          min = Math.min(min, key);
          max = Math.max(max, key);
        }
        if (kind == Lanes.Kind.LONG && keys.length > SCAN_LIMIT && max - min >= 0 && max - min < DENSE_LIMIT) {
          dense = new boolean[(int) (max - min + 1)];
          for (long key : keys) {
            dense[(int) (key - min)] = true;
          }
          denseMin = min;
          longSet = null;
        } else {
          dense = null;
          denseMin = 0;
          longSet = keys.length > SCAN_LIMIT ? new ConstantSets.Longs(keys) : null;
        }
      }
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector x = children[0].eval(in)) {
        FieldVector out = Vectors.allocate(Vectors.BOOL, n, in.allocator());
        byte[] r = res = res != null && res.length >= n ? res : new byte[Math.max(n, 16)];
        if (x instanceof NullVector) {
          java.util.Arrays.fill(r, 0, n, (byte) 0);
        } else if (kind == Lanes.Kind.BYTES) {
          BaseVariableWidthVector v = (BaseVariableWidthVector) x;
          ArrowBuf off = v.getOffsetBuffer();
          ArrowBuf data = v.getDataBuffer();
          for (int i = 0; i < n; i++) {
            long p = (long) i << 2;
            r[i] = (byte) (byteSet.contains(data, off.getInt(p), off.getInt(p + 4)) ? 1 : 0);
          }
        } else {
          long[] keys;
          if (kind == Lanes.Kind.DOUBLE) {
            double[] d = da = Lanes.doubles(x, n, da);
            keys = la = Lanes.longArray(la, n);
            for (int i = 0; i < n; i++) {
              keys[i] = Hashing.doubleKey(d[i]);
            }
          } else {
            keys = la = Lanes.longs(x, n, la);
          }
          probe(keys, r, n);
        }
        Bits.pack(r, n, out.getDataBuffer());
        // Valid where x is valid and either matched or no constant is NULL.
        ArrowBuf valid = out.getValidityBuffer();
        Bits.copy(valid, Bits.validity(x), n);
        if (hasNull) {
          Bits.and(valid, valid, out.getDataBuffer(), n);
        }
        return Vectors.done(out, n);
      }
    }

    private void probe(long[] keys, byte[] r, int n) {
      if (dense != null) {
        int size = dense.length;
        for (int i = 0; i < n; i++) {
          long d = keys[i] - denseMin;
          r[i] = (byte) (d >= 0 && d < size && dense[(int) d] ? 1 : 0);
        }
        return;
      }
      if (longSet != null) {
        for (int i = 0; i < n; i++) {
          r[i] = (byte) (longSet.contains(keys[i]) ? 1 : 0);
        }
        return;
      }
      java.util.Arrays.fill(r, 0, n, (byte) 0);
      for (long c : longKeys) {
        for (int i = 0; i < n; i++) {
          r[i] |= (byte) (keys[i] == c ? 1 : 0);
        }
      }
    }
  }
}
