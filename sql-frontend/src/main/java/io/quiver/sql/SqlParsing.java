package io.quiver.sql;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.ddl.SqlDdlParserImpl;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's parser as Quiver configures it: DDL grammar, unquoted names folded to lower case and
 * matched case-insensitively (as in DuckDB and PostgreSQL), and a lenient conformance that allows
 * {@code GROUP BY 1}, aliases in GROUP BY/HAVING, {@code LIMIT}/{@code OFFSET}, {@code !=} and {@code %}.
 */
public final class SqlParsing {
  private SqlParsing() {}

  /** Lenient, with CASE/UNION of strings of different lengths typed as VARCHAR. */
  public static final SqlConformance CONFORMANCE = new SqlDelegatingConformance(SqlConformanceEnum.LENIENT) {
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
      return true;
    }
  };

  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(SqlDdlParserImpl.FACTORY)
      .withUnquotedCasing(Casing.TO_LOWER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(CONFORMANCE);

  /** Parses one statement (query or DDL). */
  public static SqlNode parse(String sql) {
    try {
      return SqlParser.create(KeywordFunctions.quote(sql), CONFIG).parseStmt();
    } catch (SqlParseException e) {
      throw new SqlError(cleanParseMessage(e), e.getPos(), e);
    }
  }

  /** Parses a query (SELECT, WITH, VALUES, set operations). */
  public static SqlNode parseQuery(String sql) {
    SqlNode node = parse(sql);
    if (!node.getKind().belongsTo(SqlKind.QUERY) && node.getKind() != SqlKind.ORDER_BY && node.getKind() != SqlKind.WITH) {
      throw SqlError.at(node.getParserPosition(), "Expected a query (SELECT ...), found " + node.getKind() + ".");
    }
    return node;
  }

  /** Calcite lists every token it expected; one line saying what was found is enough for a user. */
  private static String cleanParseMessage(SqlParseException e) {
    String m = e.getMessage();
    int expecting = m.indexOf("Was expecting");
    if (expecting > 0) {
      m = m.substring(0, expecting).strip();
    }
    m = m.replaceAll("\\s+at line \\d+, column \\d+\\.?", "").strip();
    return "Syntax error: " + m.replace("Encountered", "unexpected");
  }
}
