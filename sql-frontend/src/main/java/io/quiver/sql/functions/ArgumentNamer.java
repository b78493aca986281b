package io.quiver.sql.functions;

import io.quiver.sql.SqlError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites every table function call to use named arguments only, with names in lower case, before
 * validation. Calcite 1.41 throws a ClassCastException when positional and named arguments are mixed
 * ({@code f('dir', include_paths => true)}) and matches names case-sensitively; this fixes both, and
 * reports unknown or repeated argument names with the function's parameter list.
 */
public final class ArgumentNamer extends SqlShuttle {
  private final TableFunctions functions;

  public ArgumentNamer(TableFunctions functions) {
    this.functions = functions;
  }

  @Override
  public SqlNode visit(SqlCall call) {
    SqlCall visited = (SqlCall) super.visit(call);
    if (visited == null || !(visited instanceof SqlBasicCall basic) || !(visited.getOperator().getNameAsId().isSimple())) {
      return visited;
    }
    QuiverTableFunction f = functions.get(visited.getOperator().getName());
    if (f == null || visited.getKind() != SqlKind.OTHER_FUNCTION) {
      return visited;
    }
    List<TableFunctionParam> params = f.params();
    List<SqlNode> named = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    int position = 0;
    for (SqlNode operand : basic.getOperandList()) {
      String name;
      SqlNode value;
      if (operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
        SqlCall assign = (SqlCall) operand;
        value = assign.operand(0);
        name = ((SqlIdentifier) assign.operand(1)).getSimple().toLowerCase(Locale.ROOT);
        if (params.stream().noneMatch(p -> p.name().equals(name))) {
          throw SqlError.at(operand.getParserPosition(), f.getName() + " has no argument named '" + name
              + "'; its arguments are " + paramList(params) + ".");
        }
      } else {
        if (position >= params.size()) {
          throw SqlError.at(operand.getParserPosition(), f.getName() + " takes at most " + params.size()
              + " arguments: " + paramList(params) + ".");
        }
        name = params.get(position).name();
        value = operand;
      }
      position++;
      if (seen.contains(name)) {
        throw SqlError.at(operand.getParserPosition(), f.getName() + ": argument '" + name + "' is given twice.");
      }
      seen.add(name);
      named.add(SqlStdOperatorTable.ARGUMENT_ASSIGNMENT.createCall(operand.getParserPosition(), value,
          new SqlIdentifier(name, operand.getParserPosition())));
    }
    return f.createCall(basic.getFunctionQuantifier(), basic.getParserPosition(), named.toArray(new SqlNode[0]));
  }

  private static String paramList(List<TableFunctionParam> params) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < params.size(); i++) {
      TableFunctionParam p = params.get(i);
      sb.append(i == 0 ? "" : ", ").append(p.name()).append(p.optional() ? " => ..." : "");
    }
    return sb.append(')').toString();
  }
}
