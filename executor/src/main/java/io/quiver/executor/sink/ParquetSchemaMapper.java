package io.quiver.executor.sink;

import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.JsonStrings;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.TensorElements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps an Arrow schema to the Parquet schema COPY writes: integers of each width (signed and unsigned)
 * as INT32/INT64 with an INT annotation, FLOAT/DOUBLE, BOOLEAN, VARCHAR as STRING, binary as BINARY,
 * DATE, TIMESTAMP (micros, not adjusted to UTC), and lists, fixed-size lists and tensors as the standard
 * 3-level LIST of their element. Tensors (the canonical {@code arrow.fixed_shape_tensor} type) also get
 * an entry in the file's key-value metadata under {@link #TENSOR_METADATA_KEY} ({@code {"col":
 * {"element_type":"UINT8","shape":[28,28]}}}), so {@code read_parquet} gives back the tensor type while
 * DuckDB and Spark read a plain list.
 */
public final class ParquetSchemaMapper {
  /** The file metadata key naming the tensor columns with their element type and shape. */
  public static final String TENSOR_METADATA_KEY = "quiver.tensor";

  private ParquetSchemaMapper() {}

  /** The Parquet schema for {@code schema}; unsupported column types fail naming the column. */
  public static MessageType messageType(Schema schema) {
    List<Type> fields = new ArrayList<>();
    for (Field f : schema.getFields()) {
      fields.add(column(f));
    }
    return new MessageType("schema", fields);
  }

  /** The key-value metadata for {@code schema}: the tensor entry when there are tensor columns. */
  public static Map<String, String> keyValueMetadata(Schema schema) {
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder tensors = new StringBuilder();
    for (Field f : schema.getFields()) {
      if (f.getType() instanceof FixedShapeTensorType t) {
        tensors.append(tensors.length() == 0 ? "{" : ",");
        JsonStrings.append(tensors, f.getName());
        tensors.append(":{\"element_type\":\"").append(TensorElements.sqlName(t.elementType()))
            .append("\",\"shape\":[");
        int[] shape = t.shape();
        for (int i = 0; i < shape.length; i++) {
          tensors.append(i == 0 ? "" : ",").append(shape[i]);
        }
        tensors.append("]}");
      }
    }
    if (tensors.length() > 0) {
      out.put(TENSOR_METADATA_KEY, tensors.append('}').toString());
    }
    return out;
  }

  private static Type column(Field f) {
    ArrowType t = f.getType();
    if (t instanceof FixedShapeTensorType tensor) {
      return list(f.getName(), element(f.getName(), tensor.elementType(), true));
    }
    if (t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.FixedSizeList) {
      Field child = f.getChildren().get(0);
      if (!isPrimitive(child.getType())) {
        throw unsupported(f, "lists of " + child.getType());
      }
      return list(f.getName(), element(f.getName(), child.getType(), !child.isNullable()));
    }
    if (!isPrimitive(t)) {
      throw unsupported(f, t.toString());
    }
    return primitive(Types.optional(physical(t)), t).named(f.getName());
  }

  private static Type element(String column, ArrowType t, boolean required) {
    if (!isPrimitive(t) || t instanceof ArrowType.Null) {
      throw new QuiverException("COPY: column '" + column + "' has elements of type " + t
          + ", which Parquet output does not support.");
    }
    PrimitiveTypeName p = physical(t);
    return primitive(required ? Types.required(p) : Types.optional(p), t).named("element");
  }

  private static Type list(String name, Type element) {
    return Types.optionalList().element(element).named(name);
  }

  /** True for the Arrow types written as one Parquet primitive column. */
  static boolean isPrimitive(ArrowType t) {
    return t instanceof ArrowType.Int || t instanceof ArrowType.FloatingPoint || t instanceof ArrowType.Bool
        || t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8 || t instanceof ArrowType.Binary
        || t instanceof ArrowType.LargeBinary || t instanceof ArrowType.Date || t instanceof ArrowType.Timestamp
        || t instanceof ArrowType.Null;
  }

  private static PrimitiveTypeName physical(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth() == 64 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.INT32;
    }
    if (t instanceof ArrowType.FloatingPoint fp) {
      if (fp.getPrecision() == FloatingPointPrecision.HALF) {
        throw new QuiverException("COPY: HALF (16-bit float) values cannot be written to Parquet yet; "
            + "CAST them to FLOAT first.");
      }
      return fp.getPrecision() == FloatingPointPrecision.DOUBLE ? PrimitiveTypeName.DOUBLE : PrimitiveTypeName.FLOAT;
    }
    if (t instanceof ArrowType.Bool) {
      return PrimitiveTypeName.BOOLEAN;
    }
    if (t instanceof ArrowType.Date) {
      return PrimitiveTypeName.INT32;
    }
    if (t instanceof ArrowType.Timestamp) {
      return PrimitiveTypeName.INT64;
    }
    if (t instanceof ArrowType.Null) {
      return PrimitiveTypeName.INT32; // an all-NULL column, as DuckDB writes one
    }
    return PrimitiveTypeName.BINARY;
  }

  private static Types.PrimitiveBuilder<PrimitiveType> primitive(
      Types.PrimitiveBuilder<PrimitiveType> b, ArrowType t) {
    LogicalTypeAnnotation logical = null;
    if (t instanceof ArrowType.Int i && !(i.getBitWidth() == 32 && i.getIsSigned())
        && !(i.getBitWidth() == 64 && i.getIsSigned())) {
      logical = LogicalTypeAnnotation.intType(i.getBitWidth(), i.getIsSigned());
    } else if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
      logical = LogicalTypeAnnotation.stringType();
    } else if (t instanceof ArrowType.Date) {
      logical = LogicalTypeAnnotation.dateType();
    } else if (t instanceof ArrowType.Timestamp ts) {
      logical = LogicalTypeAnnotation.timestampType(ts.getTimezone() != null, timeUnit(ts));
    }
    return logical == null ? b : b.as(logical);
  }

  private static LogicalTypeAnnotation.TimeUnit timeUnit(ArrowType.Timestamp ts) {
    switch (ts.getUnit()) {
      case NANOSECOND:
        return LogicalTypeAnnotation.TimeUnit.NANOS;
      case MICROSECOND:
        return LogicalTypeAnnotation.TimeUnit.MICROS;
      default:
        return LogicalTypeAnnotation.TimeUnit.MILLIS; // seconds are written as milliseconds
    }
  }

  private static QuiverException unsupported(Field f, String what) {
    return new QuiverException("COPY: column '" + f.getName() + "' has type " + what
        + ", which Parquet output does not support yet (supported: numbers, BOOLEAN, VARCHAR, binary, DATE, "
        + "TIMESTAMP, lists of these, and tensors).");
  }
}
