package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Call;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/**
 * {@code hash(x, ...)}: a BIGINT combining 64-bit hashes of all arguments. Never NULL: a NULL argument
 * contributes a fixed value (as DuckDB's hash does). Integers of any width hash alike by value, doubles
 * that compare equal hash alike.
 */
final class HashKernels {
  private HashKernels() {}

  private static final long SEED = 0x2545F4914F6CDD1DL;
  private static final long NULL_HASH = 0x5bd1e9955bd1e995L;

  static Node compile(Call call, Node[] args) {
    return new HashNode(call, args);
  }

  private static final class HashNode extends Node {
    private long[] acc;
    private long[] lanes;
    private double[] doubles;

    HashNode(Call call, Node[] args) {
      super(call, Vectors.BIGINT, args, false);
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      long[] h = acc = Lanes.longArray(acc, n);
      java.util.Arrays.fill(h, 0, n, SEED);
      for (Node child : children) {
        try (FieldVector v = child.eval(in)) {
          mixIn(v, h, n);
        }
      }
      FieldVector out = Vectors.allocate(type, n, in.allocator());
      Lanes.writeLongs(h, n, out);
      Bits.setAll(out.getValidityBuffer(), n);
      return Vectors.done(out, n);
    }

    private void mixIn(FieldVector v, long[] h, int n) {
      ArrowBuf valid = Bits.validity(v);
      if (v instanceof NullVector) {
        for (int i = 0; i < n; i++) {
          h[i] = Hashing.combine(h[i], NULL_HASH);
        }
        return;
      }
      switch (Lanes.kind(v.getField().getType())) {
        case LONG: {
          long[] x = lanes = Lanes.longs(v, n, lanes);
          for (int i = 0; i < n; i++) {
            h[i] = Hashing.combine(h[i], Bits.get(valid, i) ? Hashing.mix(x[i]) : NULL_HASH);
          }
          break;
        }
        case DOUBLE: {
          double[] x = doubles = Lanes.doubles(v, n, doubles);
          for (int i = 0; i < n; i++) {
            h[i] = Hashing.combine(h[i], Bits.get(valid, i) ? Hashing.mix(Hashing.doubleKey(x[i])) : NULL_HASH);
          }
          break;
        }
        case BYTES: {
          BaseVariableWidthVector b = (BaseVariableWidthVector) v;
          ArrowBuf off = b.getOffsetBuffer();
          ArrowBuf data = b.getDataBuffer();
          for (int i = 0; i < n; i++) {
            long p = (long) i << 2;
            h[i] = Hashing.combine(h[i], Bits.get(valid, i)
                ? Hashing.bytes(data, off.getInt(p), off.getInt(p + 4)) : NULL_HASH);
          }
          break;
        }
        default:
          for (int i = 0; i < n; i++) {
            h[i] = Hashing.combine(h[i], v.isNull(i) ? NULL_HASH : Hashing.mix(v.hashCode(i)));
          }
      }
    }
  }
}
