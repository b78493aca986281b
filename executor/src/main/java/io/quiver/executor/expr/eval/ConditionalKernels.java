package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code case} and {@code coalesce}, both lazy: a branch (or later argument) is evaluated only on the
 * rows that reach it, so {@code CASE WHEN x = 0 THEN 0 ELSE 1 / x END} never divides by zero. Each row
 * then takes its value from the branch that claimed it.
 */
final class ConditionalKernels {
  private ConditionalKernels() {}

  static Node caseWhen(Expr expr, ArrowType type, Node[] args) {
    Node[] a = args.clone();
    for (int i = 1; i < a.length; i += 2) {
      a[i] = coerce(a[i], type);
    }
    if (a.length % 2 == 1) {
      a[a.length - 1] = coerce(a[a.length - 1], type);
    }
    return new Case(expr, type, a);
  }

  static Node coalesce(Expr expr, ArrowType type, Node[] args) {
    Node[] a = args.clone();
    for (int i = 0; i < a.length; i++) {
      a[i] = coerce(a[i], type);
    }
    return new Coalesce(expr, type, a);
  }

  /** A value of another type than the result (a planner shortcut) is cast, so rows can be copied. */
  private static Node coerce(Node value, ArrowType type) {
    if (value.type().equals(type) || value.type() instanceof ArrowType.Null) {
      return value;
    }
    if (value instanceof LiteralNode lit && lit.value() == null) {
      return new LiteralNode(lit.expr, null, type);
    }
    return CastKernels.compile(new io.quiver.executor.expr.Call(io.quiver.executor.expr.Functions.CAST,
        java.util.List.of(value.expr), type), value, false);
  }

  /** Which branch each row's value comes from, and where in that branch's vector it is. */
  private static final class Picks implements AutoCloseable {
    final int[] branchOf;
    final int[] pos;
    final List<FieldVector> vectors = new ArrayList<>();

    Picks(int n) {
      branchOf = new int[n];
      pos = new int[n];
      Arrays.fill(branchOf, -1);
    }

    /** Rows {@code rows[k]} take value {@code at[k]} of {@code v}; this takes ownership of v. */
    void add(FieldVector v, int[] rows, int[] at, int count) {
      int b = vectors.size();
      vectors.add(v);
      for (int k = 0; k < count; k++) {
        branchOf[rows[k]] = b;
        pos[rows[k]] = at[k];
      }
    }

    /** Rows {@code rows[k]} take the value of {@code p} computed for them. */
    void add(Lazy.Partial p, int[] rows, int count) {
      add(p.vector(), rows, p.aligned() ? rows : identity(count), count);
    }

    /** The result vector: rows copied in order from their branch (var-width vectors need order). */
    FieldVector assemble(ArrowType type, int n, Input in) {
      if (vectors.size() == 1 && n > 0 && branchOf[0] == 0 && branchOf[n - 1] == 0
          && vectors.get(0).getValueCount() == n && vectors.get(0).getField().getType().equals(type)
          && allFrom(0, n)) {
        // One branch took every row in place: hand its vector over as is.
        return vectors.remove(0);
      }
      FieldVector out = Vectors.allocate(type, n, in.allocator());
      try {
        int width = out instanceof BaseFixedWidthVector f && !(out instanceof BitVector) ? f.getTypeWidth() : 0;
        if (width == 1 || width == 2 || width == 4 || width == 8) {
          copyFixed(out, width, n);
        } else {
          for (int r = 0; r < n; r++) {
            int b = branchOf[r];
            if (b >= 0 && !(vectors.get(b) instanceof NullVector)) {
              out.copyFromSafe(pos[r], r, vectors.get(b));
            }
          }
        }
        return Vectors.done(out, n);
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }

    /** Fixed-width results: copy values and validity through the buffers, one tight loop per width. */
    private void copyFixed(FieldVector out, int width, int n) {
      int k = vectors.size();
      ArrowBuf[] data = new ArrowBuf[k];
      ArrowBuf[] valid = new ArrowBuf[k];
      for (int b = 0; b < k; b++) {
        FieldVector v = vectors.get(b);
        valid[b] = Bits.validity(v);
        data[b] = valid[b] == null ? null : v.getDataBuffer();
      }
      ArrowBuf od = out.getDataBuffer();
      ArrowBuf ov = out.getValidityBuffer();
      for (int r = 0; r < n; r++) {
        int b = branchOf[r];
        if (b < 0 || valid[b] == null) {
          continue;
        }
        int s = pos[r];
        if (!Bits.get(valid[b], s)) {
          continue;
        }
        switch (width) {
          case 8:
            od.setLong((long) r << 3, data[b].getLong((long) s << 3));
            break;
          case 4:
            od.setInt((long) r << 2, data[b].getInt((long) s << 2));
            break;
          case 2:
            od.setShort((long) r << 1, data[b].getShort((long) s << 1));
            break;
          default:
            od.setByte(r, data[b].getByte(s));
        }
        Bits.set(ov, r);
      }
    }

    private boolean allFrom(int b, int n) {
      for (int r = 0; r < n; r++) {
        if (branchOf[r] != b || pos[r] != r) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() {
      Node.closeAll(vectors.toArray(new FieldVector[0]));
    }
  }

  private static final class Case extends Node {
    Case(Expr expr, ArrowType type, Node[] args) {
      super(expr, type, args, false);
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      int[] remaining = identity(n);
      int remainingCount = n;
      try (Picks picks = new Picks(n)) {
        for (int b = 0; b + 1 < children.length && remainingCount > 0; b += 2) {
          int[] hits = new int[remainingCount];
          int hitCount = 0;
          int[] rest = new int[remainingCount];
          int restCount = 0;
          try (Lazy.Partial cond = Lazy.evalOn(children[b], in, remaining, remainingCount)) {
            FieldVector c = cond.vector();
            ArrowBuf valid = Bits.validity(c);
            ArrowBuf data = valid == null ? null : c.getDataBuffer();
            for (int k = 0; k < remainingCount; k++) {
              int r = remaining[k];
              int i = cond.index(k, r);
              if (Bits.get(valid, i) && Bits.get(data, i)) {
                hits[hitCount++] = r;
              } else {
                rest[restCount++] = r;
              }
            }
          }
          if (hitCount > 0) {
            picks.add(Lazy.evalOn(children[b + 1], in, hits, hitCount), hits, hitCount);
          }
          remaining = rest;
          remainingCount = restCount;
        }
        if (remainingCount > 0 && children.length % 2 == 1) {
          picks.add(Lazy.evalOn(children[children.length - 1], in, remaining, remainingCount),
              remaining, remainingCount);
        }
        return picks.assemble(type, n, in);
      }
    }
  }

  private static final class Coalesce extends Node {
    Coalesce(Expr expr, ArrowType type, Node[] args) {
      super(expr, type, args, false);
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      int[] remaining = identity(n);
      int remainingCount = n;
      try (Picks picks = new Picks(n)) {
        for (int a = 0; a < children.length && remainingCount > 0; a++) {
          Lazy.Partial p = Lazy.evalOn(children[a], in, remaining, remainingCount);
          ArrowBuf valid = Bits.validity(p.vector());
          int[] hits = new int[remainingCount];
          int[] at = new int[remainingCount];
          int hitCount = 0;
          int[] rest = new int[remainingCount];
          int restCount = 0;
          for (int k = 0; k < remainingCount; k++) {
            int r = remaining[k];
            if (Bits.get(valid, p.index(k, r))) {
              at[hitCount] = p.index(k, r);
              hits[hitCount++] = r;
            } else {
              rest[restCount++] = r;
            }
          }
          if (hitCount > 0) {
            picks.add(p.vector(), hits, at, hitCount);
          } else {
            p.close();
          }
          remaining = rest;
          remainingCount = restCount;
        }
        return picks.assemble(type, n, in);
      }
    }
  }

  static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
