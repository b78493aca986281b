package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code split_part(s, 'delim', n)} with a constant non-empty delimiter and constant field number,
 * computed on the UTF-8 bytes (the common {@code split_part(path, '/', -2)}). Same semantics as
 * {@link StringFunctions#splitPart}: delimiters are found left to right without overlap.
 */
final class SplitPartNode extends Node {
  private final byte[] delim;
  private final long field;
  private int[] hits = new int[16];
  private byte[] scratch = new byte[64];

  SplitPartNode(Expr expr, Node s, String delim, long field) {
    super(expr, Vectors.UTF8, new Node[] {s}, false);
    this.delim = delim.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.field = field;
  }

  @Override
  public FieldVector eval(Input in) {
    int n = in.rowCount();
    try (FieldVector s = children[0].eval(in)) {
      if (s instanceof NullVector || n == 0) {
        return Vectors.done(Vectors.allocate(type, n, in.allocator(), 0), n);
      }
      BaseVariableWidthVector v = (BaseVariableWidthVector) s;
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
          int end = off.getInt((long) (i + 1) << 2);
          long range = locate(data, start, end);
          int from = (int) (range >>> 32);
          int len = (int) range;
          if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
          }
          data.getBytes(from, scratch, 0, len);
          out.setSafe(i, scratch, 0, len);
        }
        return Vectors.done(out, n);
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  /** The wanted field of bytes {@code [start, end)} as (offset << 32 | length); length 0 if absent. */
  private long locate(ArrowBuf data, int start, int end) {
    if (field == 0) {
      return 0;
    }
    // Positions of delimiters, left to right; for a positive field we can stop early.
    int count = 0;
    int pos = start;
    int at;
    while ((field < 0 || count < field) && (at = LikePattern.indexOf(data, pos, end, delim)) >= 0) {
      if (count == hits.length) {
        hits = java.util.Arrays.copyOf(hits, count * 2);
      }
      hits[count++] = at;
      pos = at + delim.length;
    }
    long parts = field > 0 ? (count < field ? count + 1 : field + 1) : count + 1L;
    long idx = field > 0 ? field - 1 : count + 1L + field;
    if (idx < 0 || idx >= parts || (field > 0 && field > count + 1)) {
      return 0;
    }
    int from = idx == 0 ? start : hits[(int) idx - 1] + delim.length;
    int to = idx < count ? hits[(int) idx] : end;
    return ((long) from << 32) | (to - from);
  }
}
