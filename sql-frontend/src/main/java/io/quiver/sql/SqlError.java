package io.quiver.sql;

import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A user's SQL mistake, with where it is: a position (1-based line and column, relative to the text the
 * parser saw) that {@link ErrorFormatter} turns into a caret under the statement.
 */
public final class SqlError extends RuntimeException {
  private final SqlParserPos pos;

  public SqlError(String message, SqlParserPos pos, Throwable cause) {
    super(message, cause);
    this.pos = pos;
  }

  public static SqlError at(SqlParserPos pos, String message) {
    return new SqlError(message, pos, null);
  }

  /** Where the error is, or {@link SqlParserPos#ZERO} when unknown. */
  public SqlParserPos pos() {
    return pos == null ? SqlParserPos.ZERO : pos;
  }

  /** The same error with its position moved by a prefix the parser did not see (e.g. "EXPLAIN "). */
  public SqlError shiftedBy(String fullText, int prefixLength) {
    if (pos() == SqlParserPos.ZERO) {
      return this;
    }
    int start = Positions.offset(fullText.substring(prefixLength), pos.getLineNum(), pos.getColumnNum()) + prefixLength;
    int end = Positions.offset(fullText.substring(prefixLength), pos.getEndLineNum(), pos.getEndColumnNum()) + prefixLength;
    return new SqlError(getMessage(), Positions.pos(fullText, start, end), getCause());
  }
}
