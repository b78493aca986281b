package io.quiver.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Names unnamed result columns after their expression, as DuckDB and PostgreSQL users expect
 * ({@code COUNT(*)} rather than Calcite's {@code EXPR$0}). Only the outermost select list is named.
 */
final class SelectAliases {
  private static final int MAX_LENGTH = 64;
  private static final SqlDialect PLAIN = new SqlDialect(SqlDialect.EMPTY_CONTEXT.withIdentifierQuoteString(""));

  private SelectAliases() {}

  static void apply(SqlNode query) {
    if (query instanceof SqlOrderBy o) {
      apply(o.query);
    } else if (query instanceof SqlWith w) {
      apply(w.body);
    } else if (query instanceof SqlSelect s) {
      name(s.getSelectList());
    } else if (query instanceof SqlCall c && query.getKind().belongsTo(SqlKind.SET_QUERY)) {
      apply(c.operand(0));
    }
  }

  private static void name(SqlNodeList items) {
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
        continue;
      }
      String text = item.toSqlString(PLAIN).getSql().replaceAll("\\s+", " ");
      if (text.length() <= MAX_LENGTH) {
        items.set(i, SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, item,
            new SqlIdentifier(text, item.getParserPosition())));
      }
    }
  }
}
