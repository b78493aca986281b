package io.quiver.executor.expr.eval;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Per-row access to a node's evaluated arguments, for kernels that work row by row. Constant
 * arguments are not broadcast: their value is read once; integer arguments are read into lanes once
 * per batch.
 */
final class RowArgs {
  private final FieldVector[] vectors;
  private final ArrowBuf[] validity;
  private final Object[] constants;
  private final String[] constantStrings;
  private final long[][] longs;

  RowArgs(Node[] children, FieldVector[] evaluated, int n) {
    int k = children.length;
    vectors = evaluated;
    validity = new ArrowBuf[k];
    constants = new Object[k];
    constantStrings = new String[k];
    longs = new long[k][];
    for (int i = 0; i < k; i++) {
      if (evaluated[i] == null) {
        constants[i] = ((LiteralNode) children[i]).value();
        if (constants[i] != null && !(constants[i] instanceof byte[])) {
          constantStrings[i] = constants[i].toString();
        }
      } else {
        validity[i] = Bits.validity(evaluated[i]);
        if (Lanes.kind(children[i].type()) == Lanes.Kind.LONG) {
          longs[i] = Lanes.longs(evaluated[i], n, null);
        }
      }
    }
  }

  /** Evaluates the non-constant children (the caller closes the returned vectors). */
  static FieldVector[] evalVariables(Node[] children, Input in) {
    FieldVector[] out = new FieldVector[children.length];
    try {
      for (int i = 0; i < children.length; i++) {
        if (!(children[i] instanceof LiteralNode)) {
          out[i] = children[i].eval(in);
        }
      }
    } catch (RuntimeException e) {
      Node.closeAll(out);
      throw e;
    }
    return out;
  }

  /** Whether some constant argument is NULL, making a NULL-propagating result NULL everywhere. */
  boolean anyNullConstant() {
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i] == null && constants[i] == null) {
        return true;
      }
    }
    return false;
  }

  boolean isNull(int k, int row) {
    return vectors[k] == null ? constants[k] == null : !Bits.get(validity[k], row);
  }

  boolean anyNull(int row) {
    for (int k = 0; k < vectors.length; k++) {
      if (vectors[k] != null && !Bits.get(validity[k], row)) {
        return true;
      }
    }
    return false;
  }

  String str(int k, int row) {
    if (vectors[k] == null) {
      return constantStrings[k];
    }
    if (vectors[k] instanceof VarCharVector v) {
      return Vectors.string(v, row);
    }
    Object o = Vectors.get(vectors[k], row);
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  long lng(int k, int row) {
    if (vectors[k] == null) {
      return Vectors.toLong(constants[k]);
    }
    return longs[k] != null ? longs[k][row] : ((Number) Vectors.get(vectors[k], row)).longValue();
  }
}
