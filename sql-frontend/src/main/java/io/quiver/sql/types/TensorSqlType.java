package io.quiver.sql.types;

import io.quiver.udf.tensor.FixedShapeTensorType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.ArraySqlType;

/**
 * A tensor as SQL sees it: an ARRAY of its element type (so arrays' rules apply) that also remembers the
 * Arrow tensor type with its shape. That lets a UDF's return type depend on its argument's shape at
 * validation time, and {@code DESCRIBE} show {@code TENSOR<FLOAT>[1,28,28]} for computed columns.
 */
public final class TensorSqlType extends ArraySqlType {
  private final FixedShapeTensorType tensor;

  public TensorSqlType(RelDataType elementType, FixedShapeTensorType tensor, boolean nullable) {
    super(elementType, nullable);
    this.tensor = tensor;
    computeDigest(); // the super constructor computed it before the tensor was set
  }

  public FixedShapeTensorType tensor() {
    return tensor;
  }

  @Override
  protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    if (tensor == null) {
      super.generateTypeString(sb, withDetail);
    } else {
      sb.append(tensor.sqlName());
    }
  }
}
