package io.quiver.udf.tensor;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Names of tensor element types as SQL shows them (UINT8, FLOAT, ...). */
public final class TensorElements {
  private TensorElements() {}

  public static String sqlName(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return (i.getIsSigned() ? "INT" : "UINT") + i.getBitWidth();
    }
    if (t instanceof ArrowType.FloatingPoint f) {
      return f.getPrecision() == FloatingPointPrecision.DOUBLE ? "DOUBLE"
          : f.getPrecision() == FloatingPointPrecision.SINGLE ? "FLOAT" : "HALF";
    }
    if (t instanceof ArrowType.Bool) {
      return "BOOLEAN";
    }
    return t.toString().toUpperCase();
  }
}
