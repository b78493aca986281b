package io.quiver.sql.types;

import io.quiver.udf.tensor.FixedShapeTensorType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;

/** Calcite's type factory with Quiver's type system, keeping {@link TensorSqlType}s when nullability changes. */
public final class QuiverTypeFactory extends JavaTypeFactoryImpl {
  public QuiverTypeFactory() {
    super(QuiverTypeSystem.INSTANCE);
  }

  /** A non-null tensor of {@code tensor}'s shape whose elements are {@code element}. */
  public RelDataType createTensorType(RelDataType element, FixedShapeTensorType tensor) {
    return canonize(new TensorSqlType(element, tensor, false));
  }

  @Override
  public RelDataType createTypeWithNullability(RelDataType type, boolean nullable) {
    if (type instanceof TensorSqlType t) {
      if (t.isNullable() == nullable) {
        return t;
      }
      return canonize(new TensorSqlType(t.getComponentType(), t.tensor(), nullable));
    }
    return super.createTypeWithNullability(type, nullable);
  }
}
