package io.quiver.sql.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions SQL can call: Calcite's standard operators, a curated set from its PostgreSQL and
 * other libraries (split_part, random, strpos, ...), DuckDB-style {@code regexp_extract}, and the table
 * functions. Curated rather than whole libraries, because libraries overload the same names differently.
 */
public final class QuiverOperatorTable {
  private QuiverOperatorTable() {}

  /** DuckDB's {@code regexp_extract(string, pattern[, group])}: the group of the first match, '' if none. */
  public static final SqlFunction REGEXP_EXTRACT = new SqlFunction("REGEXP_EXTRACT", SqlKind.OTHER_FUNCTION,
      ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), null,
      OperandTypes.or(OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING),
          OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.STRING, SqlTypeFamily.INTEGER)),
      SqlFunctionCategory.STRING);

  /** Every operator Quiver knows, table functions included. */
  public static SqlOperatorTable create(TableFunctions tableFunctions) {
    List<SqlOperator> extra = new ArrayList<>(List.of(
        SqlLibraryOperators.SPLIT_PART, SqlLibraryOperators.RANDOM, SqlLibraryOperators.STRPOS,
        SqlLibraryOperators.STARTS_WITH, SqlLibraryOperators.ENDS_WITH, SqlLibraryOperators.GREATEST,
        SqlLibraryOperators.LEAST, SqlLibraryOperators.LPAD, SqlLibraryOperators.RPAD,
        SqlLibraryOperators.LEFT, SqlLibraryOperators.RIGHT, SqlLibraryOperators.REPEAT,
        SqlLibraryOperators.REVERSE, SqlLibraryOperators.CONCAT_FUNCTION,
        SqlLibraryOperators.REGEXP_REPLACE_3, SqlLibraryOperators.REGEXP_CONTAINS,
        SqlLibraryOperators.ILIKE, SqlLibraryOperators.NOT_ILIKE, SqlLibraryOperators.LENGTH,
        SqlLibraryOperators.LOG2, REGEXP_EXTRACT));
    extra.addAll(tableFunctions.all());
    return SqlOperatorTables.chain(SqlStdOperatorTable.instance(), SqlOperatorTables.of(extra));
  }
}
