package io.quiver.executor.source.parquet;

import io.quiver.udf.tensor.FixedShapeTensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.OriginalType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a Parquet schema to Arrow, following the engine's type conventions: signed integer widths
 * (unsigned ones widen to the next signed width; UINT64 stays Int64 and wraps above 2^63-1), DATE as
 * DateDay, every TIMESTAMP unit and INT96 as TimeStampMicro, DECIMAL (any physical type) as Float8,
 * STRING/ENUM/JSON binaries as Utf8, other binaries and FIXED_LEN_BYTE_ARRAY as Binary (Utf8 with
 * {@code binary_as_string}), FLOAT16 as Float4, TIME as its raw integer. A LIST of primitives becomes an
 * Arrow List; every other nested field (structs, maps, lists of lists or structs) becomes Utf8 JSON
 * text. All fields are nullable, so files that differ only in required/optional agree. LIST columns the
 * file's {@code quiver.tensor} metadata names (COPY writes it) are read as those tensors.
 */
final class ParquetSchemas {
  private ParquetSchemas() {}

  static List<ParquetColumn> columns(MessageType schema, boolean binaryAsString) {
    List<ParquetColumn> out = new ArrayList<>(schema.getFieldCount());
    for (Type t : schema.getFields()) {
      out.add(column(t, binaryAsString));
    }
    return out;
  }

  /**
   * The columns of a file: as {@link #columns(MessageType, boolean)}, and LIST columns the file's
   * {@code quiver.tensor} metadata declares as tensors come back as those tensors ({@link TensorColumns}).
   */
  static List<ParquetColumn> columns(FileMetaData meta, boolean binaryAsString) {
    List<ParquetColumn> out = columns(meta.getSchema(), binaryAsString);
    Map<String, FixedShapeTensorType> tensors = TensorColumns.declared(meta.getKeyValueMetaData());
    if (tensors.isEmpty()) {
      return out;
    }
    for (int i = 0; i < out.size(); i++) {
      ParquetColumn c = out.get(i);
      FixedShapeTensorType t = tensors.get(c.name());
      Field tensor = t == null || c.kind() != ParquetColumn.Kind.LIST ? null : TensorColumns.tensorField(c.field(), t);
      if (tensor != null) {
        out.set(i, new ParquetColumn(tensor, c.kind(), c.element(), c.field()));
      }
    }
    return out;
  }

  static Schema arrowSchema(List<ParquetColumn> columns) {
    List<Field> fields = new ArrayList<>(columns.size());
    for (ParquetColumn c : columns) {
      fields.add(c.field());
    }
    return new Schema(fields);
  }

  private static ParquetColumn column(Type t, boolean binaryAsString) {
    String name = t.getName();
    if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
      PrimitiveType p = t.asPrimitiveType();
      return new ParquetColumn(Field.nullable(name, arrowType(p, binaryAsString)), ParquetColumn.Kind.PRIMITIVE, p);
    }
    PrimitiveType element = listElement(t);
    if (element != null) {
      boolean elementNullable = !element.isRepetition(Type.Repetition.REQUIRED)
          && !element.isRepetition(Type.Repetition.REPEATED);
      Field item = new Field("element", new FieldType(elementNullable, arrowType(element, binaryAsString), null), null);
      Field list = new Field(name, FieldType.nullable(new ArrowType.List()), List.of(item));
      return new ParquetColumn(list, ParquetColumn.Kind.LIST, element);
    }
    return new ParquetColumn(Field.nullable(name, ArrowType.Utf8.INSTANCE), ParquetColumn.Kind.JSON, null);
  }

  /**
   * The primitive element type if {@code t} is a list of primitives in one of the shapes the Parquet
   * spec allows: a bare repeated primitive, a LIST group around a repeated primitive (2-level), or a
   * LIST group around a repeated group holding one primitive (3-level; the legacy names "array" and
   * "*_tuple" mean that group is itself a struct element, which is not a list of primitives).
   */
  static PrimitiveType listElement(Type t) {
    if (t.isPrimitive()) {
      return t.isRepetition(Type.Repetition.REPEATED) ? t.asPrimitiveType() : null;
    }
    GroupType g = t.asGroupType();
    if (g.isRepetition(Type.Repetition.REPEATED) || !isListAnnotated(g) || g.getFieldCount() != 1) {
      return null;
    }
    Type repeated = g.getType(0);
    if (!repeated.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    if (repeated.isPrimitive()) {
      return repeated.asPrimitiveType();
    }
    GroupType rg = repeated.asGroupType();
    if (rg.getFieldCount() != 1 || rg.getName().equals("array") || rg.getName().equals(g.getName() + "_tuple")) {
      return null;
    }
    Type inner = rg.getType(0);
    return inner.isPrimitive() && !inner.isRepetition(Type.Repetition.REPEATED) ? inner.asPrimitiveType() : null;
  }

  private static boolean isListAnnotated(GroupType g) {
    return g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        || g.getOriginalType() == OriginalType.LIST;
  }

  /** The Arrow type a primitive Parquet column is read as. */
  static ArrowType arrowType(PrimitiveType p, boolean binaryAsString) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return ArrowType.Bool.INSTANCE;
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return new ArrowType.Date(DateUnit.DAY);
        }
        if (logical instanceof IntLogicalTypeAnnotation i) {
          return intType(i);
        }
        return new ArrowType.Int(32, true);
      case INT64:
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        }
        return new ArrowType.Int(64, true);
      case INT96:
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case FLOAT:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        }
        return binaryAsString ? ArrowType.Utf8.INSTANCE : ArrowType.Binary.INSTANCE;
      case BINARY:
        if (isText(logical) || binaryAsString) {
          return ArrowType.Utf8.INSTANCE;
        }
        return ArrowType.Binary.INSTANCE;
      default:
        throw new IllegalArgumentException("unknown Parquet type " + p);
    }
  }

  static boolean isText(LogicalTypeAnnotation logical) {
    return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
  }

  private static ArrowType intType(IntLogicalTypeAnnotation i) {
    int width = i.getBitWidth();
    if (!i.isSigned() && width < 64) {
      width *= 2; // widen so every unsigned value fits a signed type
    }
    return new ArrowType.Int(width, true);
  }
}
