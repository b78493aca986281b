package io.quiver.planner.rex;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.sql.types.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Inserts the casts the executor's kernels rely on: arguments of arithmetic take the result type,
 * comparison arguments take a common type. Calcite leaves {@code int_col + bigint_col} uncast.
 */
public final class CommonTypes {
  private CommonTypes() {}

  /** {@code e} cast to {@code type}, or {@code e} itself if it already has it. */
  public static Expr castTo(Expr e, ArrowType type) {
    if (e.type().equals(type) || type instanceof ArrowType.Null) {
      return e;
    }
    if (e instanceof Literal lit) {
      if (lit.value() == null) {
        return new Literal(null, type);
      }
      // Numeric constants are converted here, so plans read "id > 5" rather than "id > CAST(5 ...)".
      if (lit.value() instanceof Long l && type instanceof ArrowType.Int) {
        return new Literal(l, type);
      }
      if (lit.value() instanceof Long l && type instanceof ArrowType.FloatingPoint) {
        return new Literal(l.doubleValue(), type);
      }
      if (lit.value() instanceof Double d && type instanceof ArrowType.FloatingPoint) {
        return new Literal(d, type);
      }
    }
    return new Call(Functions.CAST, List.of(e), type);
  }

  public static List<Expr> castAll(List<Expr> args, ArrowType type) {
    List<Expr> out = new ArrayList<>(args.size());
    for (Expr a : args) {
      out.add(castTo(a, type));
    }
    return out;
  }

  /** The type two compared values are brought to. */
  public static ArrowType common(ArrowType a, ArrowType b) {
    if (a.equals(b) || b instanceof ArrowType.Null) {
      return a;
    }
    if (a instanceof ArrowType.Null) {
      return b;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof ArrowType.FloatingPoint || b instanceof ArrowType.FloatingPoint) {
        return TypeMapping.DOUBLE;
      }
      return TypeMapping.BIGINT;
    }
    if (a instanceof ArrowType.Timestamp || b instanceof ArrowType.Timestamp) {
      return a instanceof ArrowType.Timestamp ? a : b;
    }
    if (a instanceof ArrowType.Date || b instanceof ArrowType.Date) {
      return a instanceof ArrowType.Date ? a : b;
    }
    if (a instanceof ArrowType.Bool || b instanceof ArrowType.Bool) {
      return TypeMapping.BOOLEAN;
    }
    if (isNumber(a) && b instanceof ArrowType.Utf8) {
      return a;
    }
    if (isNumber(b) && a instanceof ArrowType.Utf8) {
      return b;
    }
    return a;
  }

  public static ArrowType common(List<Expr> exprs) {
    ArrowType t = ArrowType.Null.INSTANCE;
    for (Expr e : exprs) {
      t = common(t, e.type());
    }
    return t;
  }

  private static boolean isNumber(ArrowType t) {
    return t instanceof ArrowType.Int || t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Decimal;
  }
}
