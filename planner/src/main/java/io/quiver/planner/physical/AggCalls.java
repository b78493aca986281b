package io.quiver.planner.physical;

import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.udf.UdfClasses;
import io.quiver.executor.udf.UdfSpec;
import io.quiver.sql.functions.UserAggregateFunction;
import io.quiver.sql.functions.UserFunctionDef;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.calcite.rel.core.AggregateCall;

/** Calcite aggregate calls to the executor's {@link AggCall}s. */
final class AggCalls {
  private AggCalls() {}

  static AggCall convert(AggregateCall c, String name, ArrowType type) {
    if (c.getAggregation() instanceof UserAggregateFunction u) {
      if (c.isDistinct() || c.filterArg >= 0) {
        throw new QuiverException("DISTINCT and FILTER are not supported with user aggregate " + u.getName() + ".");
      }
      UserFunctionDef d = u.definition();
      UdfSpec spec = UdfClasses.define(d.name(), d.className(), d.jar(), d.with());
      return AggCall.udaf(spec, c.getArgList().stream().mapToInt(Integer::intValue).toArray(), type, name);
    }
    if (c.isDistinct()) {
      throw new QuiverException("DISTINCT inside " + c.getAggregation().getName()
          + " could not be rewritten; combine it with fewer other aggregates.");
    }
    if (c.filterArg >= 0) {
      throw new QuiverException("Aggregate FILTER (WHERE ...) is not supported yet.");
    }
    int arg = c.getArgList().isEmpty() ? -1 : c.getArgList().get(0);
    String fn = switch (c.getAggregation().getKind()) {
      case COUNT -> arg < 0 ? AggCall.COUNT_STAR : AggCall.COUNT;
      case SUM, SUM0 -> AggCall.SUM;
      case MIN -> AggCall.MIN;
      case MAX -> AggCall.MAX;
      case AVG -> AggCall.AVG;
      case STDDEV_SAMP -> AggCall.STDDEV_SAMP;
      case STDDEV_POP -> AggCall.STDDEV_POP;
      case VAR_SAMP -> AggCall.VAR_SAMP;
      case VAR_POP -> AggCall.VAR_POP;
      case SINGLE_VALUE, ANY_VALUE -> AggCall.ANY_VALUE;
      default -> throw new QuiverException("Aggregate function " + c.getAggregation().getName()
          + " is not supported yet.");
    };
    if (c.getArgList().size() > 1 && !fn.equals(AggCall.COUNT)) {
      throw new QuiverException(c.getAggregation().getName() + " with several arguments is not supported.");
    }
    return new AggCall(fn, arg, type, name);
  }
}
