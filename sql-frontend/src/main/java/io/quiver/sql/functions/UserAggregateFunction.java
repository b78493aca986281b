package io.quiver.sql.functions;

import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.util.Optionality;

/** An aggregate UDF call in SQL (usable under GROUP BY). */
public final class UserAggregateFunction extends SqlAggFunction implements UserFunction {
  private final UserFunctionDef definition;

  public UserAggregateFunction(UserFunctionDef definition) {
    super(definition.name(), null, SqlKind.OTHER_FUNCTION, UserFunction.returnTypeOf(definition), null,
        OperandTypes.VARIADIC, SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN);
    this.definition = definition;
  }

  @Override
  public UserFunctionDef definition() {
    return definition;
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }
}
