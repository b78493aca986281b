package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import io.quiver.udf.tensor.FixedShapeTensorType;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Parses the return type a UDF declares ({@code INT}, {@code DOUBLE}, {@code VARCHAR}, ...,
 * {@code TENSOR<FLOAT>[1,28,28]}) into the Arrow field its results have.
 */
public final class UdfTypes {
  private static final Pattern TENSOR = Pattern.compile("(?i)^\\s*TENSOR\\s*<\\s*(\\w+)\\s*>\\s*\\[([0-9,\\s]+)]\\s*$");

  private UdfTypes() {}

  /** A nullable field named {@code name} of the declared type. */
  public static Field parse(String type, String name, String function) {
    Matcher m = TENSOR.matcher(type);
    if (m.matches()) {
      int[] shape = Arrays.stream(m.group(2).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
      return new FixedShapeTensorType(element(m.group(1), type, function), shape).field(name, true);
    }
    return new Field(name, FieldType.nullable(scalar(type.strip(), type, function)), null);
  }

  private static ArrowType element(String name, String type, String function) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("UINT") || n.startsWith("INT")) {
      boolean signed = n.startsWith("INT");
      try {
        int bits = Integer.parseInt(n.substring(signed ? 3 : 4));
        if (bits == 8 || bits == 16 || bits == 32 || bits == 64) {
          return new ArrowType.Int(bits, signed);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    switch (n) {
      case "FLOAT": case "REAL": case "FLOAT32": return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case "DOUBLE": case "FLOAT64": return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case "BOOLEAN": return ArrowType.Bool.INSTANCE;
      default: throw unknown(type, function);
    }
  }

  private static ArrowType scalar(String name, String type, String function) {
    switch (name.toUpperCase(Locale.ROOT)) {
      case "BOOLEAN": case "BOOL": return ArrowType.Bool.INSTANCE;
      case "TINYINT": return new ArrowType.Int(8, true);
      case "SMALLINT": return new ArrowType.Int(16, true);
      case "INT": case "INTEGER": return new ArrowType.Int(32, true);
      case "BIGINT": return new ArrowType.Int(64, true);
      case "FLOAT": case "REAL": return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case "DOUBLE": return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case "VARCHAR": case "STRING": case "TEXT": return ArrowType.Utf8.INSTANCE;
      case "BLOB": case "VARBINARY": case "BYTES": return ArrowType.Binary.INSTANCE;
      case "DATE": return new ArrowType.Date(DateUnit.DAY);
      case "TIMESTAMP": return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      default: throw unknown(type, function);
    }
  }

  private static QuiverException unknown(String type, String function) {
    return new QuiverException("Function " + function + " declares return type '" + type + "', which Quiver "
        + "does not know; use BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, VARCHAR, BLOB, DATE, "
        + "TIMESTAMP or TENSOR<FLOAT>[d1,d2,...] (elements UINT8..UINT64, INT8..INT64, FLOAT, DOUBLE).");
  }
}
