package io.quiver.planner.rex;

import io.quiver.executor.QuiverException;
import java.math.BigDecimal;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/** Converts Calcite literal values to the Java values of {@link io.quiver.executor.expr.Literal}. */
public final class Literals {
  private Literals() {}

  public static Object value(RexLiteral lit) {
    if (lit.isNull()) {
      return null;
    }
    switch (lit.getType().getSqlTypeName()) {
      case BOOLEAN:
        return lit.getValueAs(Boolean.class);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return lit.getValueAs(BigDecimal.class).longValueExact();
      case DECIMAL:
      case DOUBLE:
      case FLOAT:
      case REAL:
        return lit.getValueAs(BigDecimal.class).doubleValue();
      case CHAR:
      case VARCHAR:
        return lit.getValueAs(String.class);
      case BINARY:
      case VARBINARY:
        return lit.getValueAs(byte[].class);
      case DATE:
        return lit.getValueAs(DateString.class).getDaysSinceEpoch();
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return lit.getValueAs(TimestampString.class).getMillisSinceEpoch() * 1000L;
      case SYMBOL:
        return String.valueOf(lit.getValue()).toLowerCase();
      default:
        Object v = lit.getValue();
        if (v instanceof NlsString s) {
          return s.getValue();
        }
        throw new QuiverException("Literals of type " + lit.getType() + " are not supported yet.");
    }
  }
}
