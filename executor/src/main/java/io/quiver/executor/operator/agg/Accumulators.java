package io.quiver.executor.operator.agg;

import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.column.ValueKind;
import io.quiver.executor.plan.AggCall;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType.ArrowTypeID;
import org.apache.arrow.vector.types.pojo.Field;

/** Chooses the accumulator for an {@link AggCall} and its argument's type. */
public final class Accumulators {
  private Accumulators() {}

  /**
   * @param input the argument's field, or null for COUNT(*)
   * @param allocator for the few accumulators that keep Arrow vectors
   */
  public static Accumulator create(AggCall call, Field input, BufferAllocator allocator) {
    String f = call.function();
    if (AggCall.UDAF.equals(f) || AggCall.UDAF_STATE.equals(f) || AggCall.merge(AggCall.UDAF).equals(f)) {
      return new UdafAccumulator(call, allocator);
    }
    if (AggCall.COUNT_STAR.equals(f) || AggCall.COUNT.equals(f)) {
      return new CountAccumulator();
    }
    if (input == null) {
      throw new QuiverException("Aggregate " + f + " needs an argument column.");
    }
    if (f.startsWith(AggCall.MERGE_PREFIX)) {
      return mergingVariance(f.substring(AggCall.MERGE_PREFIX.length()), input);
    }
    ValueKind kind = ValueKind.of(input.getType());
    switch (f) {
      case AggCall.VAR_STATE:
        requireNumeric(f, input, kind);
        return VarianceAccumulator.stateOf();
      case AggCall.SUM:
        requireNumeric(f, input, kind);
        return kind == ValueKind.LONG ? new LongSumAccumulator(false) : new DoubleSumAccumulator(false);
      case AggCall.AVG:
        requireNumeric(f, input, kind);
        return kind == ValueKind.LONG ? new LongSumAccumulator(true) : new DoubleSumAccumulator(true);
      case AggCall.VAR_SAMP:
        requireNumeric(f, input, kind);
        return new VarianceAccumulator(true, false);
      case AggCall.VAR_POP:
        requireNumeric(f, input, kind);
        return new VarianceAccumulator(false, false);
      case AggCall.STDDEV_SAMP:
        requireNumeric(f, input, kind);
        return new VarianceAccumulator(true, true);
      case AggCall.STDDEV_POP:
        requireNumeric(f, input, kind);
        return new VarianceAccumulator(false, true);
      case AggCall.MIN:
        return pick(f, input, kind, PickMode.MIN, allocator);
      case AggCall.MAX:
        return pick(f, input, kind, PickMode.MAX, allocator);
      case AggCall.ANY_VALUE:
        return pick(f, input, kind, PickMode.FIRST, allocator);
      default:
        throw new QuiverException("Unknown aggregate function '" + f + "'.");
    }
  }

  /** The merge of serialized variance states into {@code f}'s result. */
  private static Accumulator mergingVariance(String f, Field input) {
    if (!AggCall.VAR_STATE_TYPE.equals(input.getType())) {
      throw new QuiverException("Aggregate " + AggCall.merge(f) + " merges " + AggCall.VAR_STATE
          + " columns, not column '" + input.getName() + "' of type " + input.getType() + ".");
    }
    switch (f) {
      case AggCall.VAR_SAMP:
        return VarianceAccumulator.merging(true, false);
      case AggCall.VAR_POP:
        return VarianceAccumulator.merging(false, false);
      case AggCall.STDDEV_SAMP:
        return VarianceAccumulator.merging(true, true);
      case AggCall.STDDEV_POP:
        return VarianceAccumulator.merging(false, true);
      default:
        throw new QuiverException("Unknown aggregate function '" + AggCall.merge(f) + "'.");
    }
  }

  private static Accumulator pick(String f, Field input, ValueKind kind, PickMode mode, BufferAllocator allocator) {
    switch (kind) {
      case LONG:
        return new LongPickAccumulator(mode);
      case DOUBLE:
        return new DoublePickAccumulator(mode);
      case BYTES:
        return new BytesPickAccumulator(mode);
      default:
        if (mode == PickMode.FIRST) {
          return new VectorPickAccumulator(input, allocator);
        }
        throw new QuiverException("Aggregate " + f + " is not supported on column '" + input.getName()
            + "' of type " + input.getType() + ".");
    }
  }

  private static void requireNumeric(String f, Field input, ValueKind kind) {
    boolean numeric = kind == ValueKind.DOUBLE
        || (kind == ValueKind.LONG && input.getType().getTypeID() == ArrowTypeID.Int);
    if (!numeric) {
      throw new QuiverException("Aggregate " + f + " needs a numeric argument, but column '" + input.getName()
          + "' has type " + input.getType() + ".");
    }
  }
}
