package io.quiver.sql.types;

import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.TensorElements;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Arrow ⇄ SQL types. Tensors appear to SQL as arrays of their element type; their shape lives in the
 * Arrow schema, which the planner carries through unchanged columns (so DESCRIBE can show
 * {@code TENSOR<UINT8>[28,28]}).
 */
public final class TypeMapping {
  private TypeMapping() {}

  public static final ArrowType BIGINT = new ArrowType.Int(64, true);
  public static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  public static final ArrowType VARCHAR = ArrowType.Utf8.INSTANCE;
  public static final ArrowType BOOLEAN = ArrowType.Bool.INSTANCE;

  /** The SQL row type of an Arrow schema. */
  public static RelDataType toRelType(Schema schema, RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (Field f : schema.getFields()) {
      b.add(f.getName(), toRelType(f, factory));
    }
    return b.build();
  }

  /** The SQL type of one Arrow field (nullable as the field says). */
  public static RelDataType toRelType(Field field, RelDataTypeFactory factory) {
    return factory.createTypeWithNullability(baseType(field, factory), field.isNullable());
  }

  private static RelDataType baseType(Field field, RelDataTypeFactory f) {
    ArrowType t = field.getType();
    if (t instanceof FixedShapeTensorType tensor) {
      RelDataType element = f.createTypeWithNullability(scalar(tensor.elementType(), f, null), false);
      // Another factory (a test's) gets a plain array: the shape is then known only to the Arrow schema.
      return f instanceof QuiverTypeFactory q ? q.createTensorType(element, tensor) : f.createArrayType(element, -1);
    }
    if (t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.FixedSizeList) {
      Field child = field.getChildren().get(0);
      return f.createArrayType(toRelType(child, f), -1);
    }
    if (t instanceof ArrowType.Struct) {
      List<RelDataType> types = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Field c : field.getChildren()) {
        names.add(c.getName());
        types.add(toRelType(c, f));
      }
      return f.createStructType(types, names);
    }
    return scalar(t, f, field);
  }

  private static RelDataType scalar(ArrowType t, RelDataTypeFactory f, Field field) {
    if (t instanceof ArrowType.Int i) {
      int bits = i.getBitWidth() + (i.getIsSigned() ? 0 : 1);
      SqlTypeName n = bits <= 8 ? SqlTypeName.TINYINT : bits <= 16 ? SqlTypeName.SMALLINT
          : bits <= 32 ? SqlTypeName.INTEGER : SqlTypeName.BIGINT;
      return f.createSqlType(n);
    }
    if (t instanceof ArrowType.FloatingPoint fp) {
      return f.createSqlType(fp.getPrecision() == FloatingPointPrecision.DOUBLE ? SqlTypeName.DOUBLE : SqlTypeName.REAL);
    }
    if (t instanceof ArrowType.Decimal d) {
      return f.createSqlType(SqlTypeName.DECIMAL, d.getPrecision(), d.getScale());
    }
    if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
      return f.createSqlType(SqlTypeName.VARCHAR);
    }
    if (t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary || t instanceof ArrowType.FixedSizeBinary) {
      return f.createSqlType(SqlTypeName.VARBINARY);
    }
    if (t instanceof ArrowType.Bool) {
      return f.createSqlType(SqlTypeName.BOOLEAN);
    }
    if (t instanceof ArrowType.Date) {
      return f.createSqlType(SqlTypeName.DATE);
    }
    if (t instanceof ArrowType.Timestamp ts) {
      return f.createSqlType(ts.getTimezone() == null ? SqlTypeName.TIMESTAMP
          : SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
    }
    if (t instanceof ArrowType.Time) {
      return f.createSqlType(SqlTypeName.TIME);
    }
    if (t instanceof ArrowType.Null) {
      return f.createSqlType(SqlTypeName.NULL);
    }
    throw new IllegalArgumentException("Unsupported column type " + t
        + (field == null ? "" : " of column '" + field.getName() + "'"));
  }

  /** The Arrow type computed values of a SQL type get (DECIMAL is evaluated as DOUBLE). */
  public static ArrowType toArrow(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case BOOLEAN: return BOOLEAN;
      case TINYINT: return new ArrowType.Int(8, true);
      case SMALLINT: return new ArrowType.Int(16, true);
      case INTEGER: return new ArrowType.Int(32, true);
      case BIGINT: return BIGINT;
      case REAL:
      case FLOAT: return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE:
      case DECIMAL: return DOUBLE;
      case CHAR:
      case VARCHAR: return VARCHAR;
      case BINARY:
      case VARBINARY: return ArrowType.Binary.INSTANCE;
      case DATE: return new ArrowType.Date(DateUnit.DAY);
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      // An untyped NULL (SELECT NULL AS n) is carried as a nullable INTEGER, as DuckDB stores it in
      // CREATE TABLE AS; Arrow's Null vectors have no buffers and every kernel would need a special case.
      case NULL: return new ArrowType.Int(32, true);
      case ARRAY: return ArrowType.List.INSTANCE;
      default:
        throw new IllegalArgumentException("SQL type " + type + " is not supported by the executor yet.");
    }
  }

  /** An Arrow field for a computed SQL value. */
  public static Field toArrowField(String name, RelDataType type) {
    if (type instanceof TensorSqlType t) {
      return t.tensor().field(name, type.isNullable());
    }
    if (type.getSqlTypeName() == SqlTypeName.ARRAY) {
      Field child = toArrowField("item", type.getComponentType());
      return new Field(name, new FieldType(type.isNullable(), ArrowType.List.INSTANCE, null), List.of(child));
    }
    return new Field(name, new FieldType(type.isNullable(), toArrow(type), null), null);
  }

  /** An Arrow schema for a SQL row type. */
  public static Schema toArrowSchema(RelDataType rowType) {
    List<Field> fields = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      fields.add(toArrowField(f.getName(), f.getType()));
    }
    return new Schema(fields);
  }

  /** The type name users see (DESCRIBE, headers): SQL names, tensors as {@code TENSOR<UINT8>[28,28]}. */
  public static String displayName(Field field) {
    ArrowType t = field.getType();
    if (t instanceof FixedShapeTensorType tensor) {
      return tensor.sqlName();
    }
    if (t instanceof ArrowType.Int i && !i.getIsSigned()) {
      return TensorElements.sqlName(t);
    }
    if (t instanceof ArrowType.List || t instanceof ArrowType.LargeList || t instanceof ArrowType.FixedSizeList) {
      return displayName(field.getChildren().get(0)) + "[]";
    }
    if (t instanceof ArrowType.Struct) {
      StringBuilder sb = new StringBuilder("STRUCT(");
      for (int i = 0; i < field.getChildren().size(); i++) {
        Field c = field.getChildren().get(i);
        sb.append(i == 0 ? "" : ", ").append(c.getName()).append(' ').append(displayName(c));
      }
      return sb.append(')').toString();
    }
    if (t instanceof ArrowType.Decimal d) {
      return "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    if (t instanceof ArrowType.Timestamp) {
      return "TIMESTAMP";
    }
    if (t instanceof ArrowType.Map) {
      return "MAP";
    }
    return toRelTypeName(t);
  }

  private static String toRelTypeName(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return switch (i.getBitWidth()) {
        case 8 -> "TINYINT";
        case 16 -> "SMALLINT";
        case 32 -> "INTEGER";
        default -> "BIGINT";
      };
    }
    if (t instanceof ArrowType.FloatingPoint fp) {
      return fp.getPrecision() == FloatingPointPrecision.DOUBLE ? "DOUBLE" : "FLOAT";
    }
    if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
      return "VARCHAR";
    }
    if (t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary || t instanceof ArrowType.FixedSizeBinary) {
      return "BLOB";
    }
    if (t instanceof ArrowType.Bool) {
      return "BOOLEAN";
    }
    if (t instanceof ArrowType.Date) {
      return "DATE";
    }
    if (t instanceof ArrowType.Time) {
      return "TIME";
    }
    if (t instanceof ArrowType.Null) {
      return "NULL";
    }
    return t.toString().toUpperCase();
  }
}
