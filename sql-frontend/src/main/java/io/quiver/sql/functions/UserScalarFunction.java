package io.quiver.sql.functions;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;

/**
 * A batch UDF call in SQL. Not deterministic as far as Calcite knows, so the optimizer never folds,
 * duplicates or merges calls (each is run once per row, by the engine, in its own plan node).
 */
public final class UserScalarFunction extends SqlFunction implements UserFunction {
  private final UserFunctionDef definition;

  public UserScalarFunction(UserFunctionDef definition) {
    super(definition.name(), SqlKind.OTHER_FUNCTION, UserFunction.returnTypeOf(definition), null,
        OperandTypes.VARIADIC, SqlFunctionCategory.USER_DEFINED_FUNCTION);
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
