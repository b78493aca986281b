package io.quiver.sql;

import org.apache.calcite.sql.parser.SqlParserPos;

/** Renders a {@link SqlError} as one paragraph: the message, then the offending line with a caret. */
public final class ErrorFormatter {
  private ErrorFormatter() {}

  public static String format(SqlError error, String statement) {
    SqlParserPos pos = error.pos();
    String message = error.getMessage();
    if (pos == SqlParserPos.ZERO || pos.getLineNum() <= 0) {
      return message;
    }
    String[] lines = statement.split("\n", -1);
    int lineIdx = Math.min(pos.getLineNum(), lines.length) - 1;
    String line = lines[lineIdx];
    int col = Math.max(1, Math.min(pos.getColumnNum(), line.length() + 1));
    int endCol = pos.getEndLineNum() == pos.getLineNum() ? Math.max(col, Math.min(pos.getEndColumnNum(), line.length())) : col;
    String prefix = "LINE " + pos.getLineNum() + ": ";
    StringBuilder sb = new StringBuilder();
    sb.append("Error at line ").append(pos.getLineNum()).append(", column ").append(col).append(": ")
        .append(message).append('\n')
        .append(prefix).append(line).append('\n')
        .append(" ".repeat(prefix.length() + col - 1)).append("^".repeat(Math.max(1, endCol - col + 1)));
    return sb.toString();
  }
}
