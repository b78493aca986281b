package io.quiver.sql.functions;

import io.quiver.sql.types.TypeMapping;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A table function such as {@code read_parquet(path)}: its parameters, and its row type, which comes
 * from the {@link TableSchemaResolver} given the constant arguments of the call.
 */
public final class QuiverTableFunction extends SqlFunction implements SqlTableFunction {
  private final List<TableFunctionParam> params;
  private final TableSchemaResolver resolver;

  public QuiverTableFunction(String name, List<TableFunctionParam> params, TableSchemaResolver resolver) {
    super(name, SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null,
        OperandTypes.operandMetadata(
            params.stream().map(p -> p.type().getFamily()).toList(),
            f -> params.stream().map(p -> f.createTypeWithNullability(f.createSqlType(p.type()), true)).toList(),
            i -> params.get(i).name(),
            i -> params.get(i).optional()),
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    this.params = List.copyOf(params);
    this.resolver = resolver;
  }

  public List<TableFunctionParam> params() {
    return params;
  }

  @Override
  public SqlReturnTypeInference getRowTypeInference() {
    return this::rowType;
  }

  private RelDataType rowType(SqlOperatorBinding binding) {
    Map<String, Object> args = new LinkedHashMap<>();
    // With named arguments the binding's operands are permuted into parameter order, omitted ones
    // filled with DEFAULT; getOperandCount() would count only the arguments written.
    int operands = binding instanceof SqlCallBinding call ? call.operands().size() : binding.getOperandCount();
    for (int i = 0; i < operands && i < params.size(); i++) {
      TableFunctionParam p = params.get(i);
      Object v = literalValue(binding, i, p.type());
      if (v != null) {
        args.put(p.name(), v);
      }
    }
    return TypeMapping.toRelType(resolver.schemaOf(getName(), args), binding.getTypeFactory());
  }

  private static Object literalValue(SqlOperatorBinding binding, int i, SqlTypeName type) {
    if (binding.isOperandNull(i, true)) {
      return null;
    }
    Object v = switch (type) {
      case BOOLEAN -> binding.getOperandLiteralValue(i, Boolean.class);
      case BIGINT, INTEGER -> binding.getOperandLiteralValue(i, BigDecimal.class);
      case DOUBLE -> binding.getOperandLiteralValue(i, BigDecimal.class);
      default -> binding.getOperandLiteralValue(i, String.class);
    };
    return normalize(v, type);
  }

  /** The constant arguments of a planned call (RexCall operands in parameter order), by name. */
  public Map<String, Object> argsOf(RexCall call) {
    Map<String, Object> args = new LinkedHashMap<>();
    List<RexNode> operands = call.getOperands();
    for (int i = 0; i < operands.size() && i < params.size(); i++) {
      RexNode o = operands.get(i);
      if (o instanceof RexLiteral lit && !lit.isNull()) {
        TableFunctionParam p = params.get(i);
        Object v = switch (p.type()) {
          case BOOLEAN -> lit.getValueAs(Boolean.class);
          case BIGINT, INTEGER, DOUBLE -> lit.getValueAs(BigDecimal.class);
          default -> lit.getValueAs(String.class);
        };
        args.put(p.name(), normalize(v, p.type()));
      }
    }
    return args;
  }

  private static Object normalize(Object v, SqlTypeName type) {
    if (v instanceof BigDecimal d) {
      return type == SqlTypeName.DOUBLE ? (Object) d.doubleValue() : (Object) d.longValueExact();
    }
    return v;
  }
}
