package io.quiver.sql.catalog;

import io.quiver.sql.SqlError;
import io.quiver.sql.SqlParsing;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Replaces each view named in a FROM clause by its query, as a sub-query with the view's name as
 * alias. The view text is parsed afresh at each use, because validation mutates parse trees.
 */
public final class ViewInliner extends SqlShuttle {
  private static final int MAX_DEPTH = 32;
  private final Catalog catalog;
  private final int depth;

  public ViewInliner(Catalog catalog) {
    this(catalog, 0);
  }

  private ViewInliner(Catalog catalog, int depth) {
    this.catalog = catalog;
    this.depth = depth;
  }

  @Override
  public SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (visited instanceof SqlSelect select && select.getFrom() != null) {
      select.setFrom(inlineFrom(select.getFrom()));
    }
    return visited;
  }

  private SqlNode inlineFrom(SqlNode from) {
    if (from instanceof SqlIdentifier id) {
      SqlNode q = viewQuery(id);
      return q == null ? from : SqlStdOperatorTable.AS.createCall(id.getParserPosition(), q,
          new SqlIdentifier(id.names.get(id.names.size() - 1), id.getParserPosition()));
    }
    if (from instanceof SqlJoin join) {
      join.setLeft(inlineFrom(join.getLeft()));
      join.setRight(inlineFrom(join.getRight()));
      return join;
    }
    if (from.getKind() == SqlKind.AS && from instanceof SqlBasicCall as && as.operand(0) instanceof SqlIdentifier id) {
      SqlNode q = viewQuery(id);
      if (q != null) {
        as.setOperand(0, q);
      }
      return as;
    }
    return from;
  }

  private SqlNode viewQuery(SqlIdentifier id) {
    if (!id.isSimple()) {
      return null;
    }
    String text = catalog.view(id.getSimple());
    if (text == null) {
      return null;
    }
    if (depth >= MAX_DEPTH) {
      throw SqlError.at(id.getParserPosition(), "View '" + id.getSimple() + "' refers to itself.");
    }
    return SqlParsing.parseQuery(text).accept(new ViewInliner(catalog, depth + 1));
  }
}
