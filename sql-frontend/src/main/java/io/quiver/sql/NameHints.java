package io.quiver.sql;

import io.quiver.sql.catalog.Catalog;
import io.quiver.sql.catalog.MaterializedTable;
import io.quiver.sql.functions.TableFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Finds the closest known name for an unknown column, table or function in a validation message: the
 * columns of the tables and table functions the query reads, the catalog's names, the functions.
 */
final class NameHints {
  private static final Pattern COLUMN = Pattern.compile("Column '([^']+)' not found");
  private static final Pattern OBJECT = Pattern.compile("(?:Object|Table) '([^']+)' not found");
  private static final Pattern FUNCTION = Pattern.compile("No match found for function signature ([A-Za-z_0-9]+)\\(");

  private NameHints() {}

  static String hint(String message, SqlNode query, Catalog catalog, TableFunctions functions,
      SqlOperatorTable operators, RelDataTypeFactory typeFactory) {
    if (message == null) {
      return null;
    }
    Matcher m;
    if ((m = COLUMN.matcher(message)).find()) {
      return Suggestions.closest(m.group(1), columnsRead(query, catalog, functions, typeFactory));
    }
    if ((m = OBJECT.matcher(message)).find()) {
      List<String> names = new ArrayList<>(catalog.names());
      functions.all().forEach(f -> names.add(f.getName()));
      return Suggestions.closest(m.group(1), names);
    }
    if ((m = FUNCTION.matcher(message)).find()) {
      List<String> names = new ArrayList<>();
      for (SqlOperator op : operators.getOperatorList()) {
        names.add(op.getName().toLowerCase());
      }
      return Suggestions.closest(m.group(1), names);
    }
    return null;
  }

  private static List<String> columnsRead(SqlNode query, Catalog catalog, TableFunctions functions,
      RelDataTypeFactory typeFactory) {
    List<String> columns = new ArrayList<>();
    functions.resolvedSchemas().forEach(s -> s.getFields().forEach(f -> columns.add(f.getName())));
    query.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        MaterializedTable t = id.isSimple() ? catalog.table(id.getSimple()) : null;
        if (t != null) {
          t.arrowSchema().getFields().forEach(f -> columns.add(f.getName()));
        }
        return id;
      }

    });
    return columns;
  }
}
