package io.quiver.udf.tensor;

import java.util.Locale;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Names of tensor element types as SQL shows them ({@code UINT8}, {@code INT32}, {@code FLOAT},
 * {@code DOUBLE}, ...) and back.
 */
public final class TensorElements {
  private TensorElements() {}

  /** The SQL-facing name of an element type: {@code UINT8}, {@code INT64}, {@code FLOAT}, {@code DOUBLE}. */
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
    return t.toString().toUpperCase(Locale.ROOT);
  }

  /**
   * The element type named {@code name}, the inverse of {@link #sqlName}; also accepts the usual
   * aliases ({@code REAL}, {@code FLOAT32}, {@code FLOAT64}, {@code INT}, {@code BIGINT}, {@code TINYINT},
   * {@code SMALLINT}), case-insensitively.
   *
   * @throws IllegalArgumentException for a name that is not a tensor element type
   */
  public static ArrowType parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    switch (n) {
      case "FLOAT": case "REAL": case "FLOAT32":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case "DOUBLE": case "FLOAT64":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case "HALF": case "FLOAT16":
        return new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
      case "BOOLEAN": case "BOOL":
        return ArrowType.Bool.INSTANCE;
      case "TINYINT": return new ArrowType.Int(8, true);
      case "SMALLINT": return new ArrowType.Int(16, true);
      case "INT": case "INTEGER": return new ArrowType.Int(32, true);
      case "BIGINT": return new ArrowType.Int(64, true);
      default:
        break;
    }
    boolean unsigned = n.startsWith("UINT");
    String bits = unsigned ? n.substring(4) : n.startsWith("INT") ? n.substring(3) : null;
    if (bits != null && (bits.equals("8") || bits.equals("16") || bits.equals("32") || bits.equals("64"))) {
      return new ArrowType.Int(Integer.parseInt(bits), !unsigned);
    }
    throw new IllegalArgumentException("'" + name + "' is not a tensor element type; use one of UINT8, "
        + "INT8, INT16, INT32, INT64, UINT16, UINT32, UINT64, HALF, FLOAT, DOUBLE, BOOLEAN");
  }
}
