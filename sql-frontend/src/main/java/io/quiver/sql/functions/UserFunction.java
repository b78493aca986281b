package io.quiver.sql.functions;

import io.quiver.sql.types.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.SqlReturnTypeInference;

/** A Calcite operator standing for a registered UDF ({@link UserScalarFunction}, {@link UserAggregateFunction}). */
public interface UserFunction {
  UserFunctionDef definition();

  /** Types a call through the definition: SQL argument types → Arrow fields → result field → SQL type. */
  static SqlReturnTypeInference returnTypeOf(UserFunctionDef def) {
    return (SqlOperatorBinding binding) -> {
      List<Field> args = new ArrayList<>();
      for (int i = 0; i < binding.getOperandCount(); i++) {
        args.add(TypeMapping.toArrowField("arg" + i, binding.getOperandType(i)));
      }
      Field result = def.returnType().of(args);
      RelDataType t = TypeMapping.toRelType(result, binding.getTypeFactory());
      return binding.getTypeFactory().createTypeWithNullability(t, true);
    };
  }
}
