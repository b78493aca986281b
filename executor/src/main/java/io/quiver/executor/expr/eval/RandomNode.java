package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import java.util.SplittableRandom;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code random()}: a uniform double in [0, 1) per row. Under a session seed, each batch draws from a
 * generator seeded by (seed, partition, batch ordinal, which random() of the expression), so the
 * values depend only on the data's order, never on timing or threads.
 */
final class RandomNode extends Node {
  private final Long seed;
  private final long partition;
  private final int instance;
  private final SplittableRandom unseeded;
  private long batchOrdinal;
  private double[] values;

  RandomNode(Expr expr, Long seed, long partition, int instance) {
    super(expr, Vectors.DOUBLE, new Node[0], false);
    this.seed = seed;
    this.partition = partition;
    this.instance = instance;
    this.unseeded = seed == null ? new SplittableRandom() : null;
  }

  /** Not a constant, even though it has no arguments. */
  @Override
  boolean isLeaf() {
    return false;
  }

  @Override
  public FieldVector eval(Input in) {
    int n = in.rowCount();
    SplittableRandom rnd = seed == null ? unseeded
        : new SplittableRandom(Hashing.combine(Hashing.combine(Hashing.combine(seed, partition), batchOrdinal),
            instance));
    batchOrdinal++;
    double[] v = values = Lanes.doubleArray(values, n);
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextDouble();
    }
    FieldVector out = Vectors.allocate(type, n, in.allocator());
    Lanes.writeDoubles(v, n, out);
    Bits.setAll(out.getValidityBuffer(), n);
    return Vectors.done(out, n);
  }
}
