package io.quiver.sql.types;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with the answers DuckDB and Spark users expect: AVG, STDDEV and VARIANCE of
 * any number are DOUBLE (Calcite's default keeps INTEGER), SUM of integers is BIGINT, and CASE/UNION of
 * strings of different lengths is VARCHAR rather than blank-padded CHAR.
 */
public final class QuiverTypeSystem extends RelDataTypeSystemImpl {
  public static final QuiverTypeSystem INSTANCE = new QuiverTypeSystem();

  private QuiverTypeSystem() {}

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
    if (SqlTypeUtil.isNumeric(argumentType)) {
      return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(factory, argumentType);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
    if (SqlTypeUtil.isExactNumeric(argumentType) && argumentType.getScale() <= 0) {
      return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
    }
    if (SqlTypeUtil.isNumeric(argumentType)) {
      return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveSumType(factory, argumentType);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getMaxNumericPrecision() {
    return 38;
  }
}
