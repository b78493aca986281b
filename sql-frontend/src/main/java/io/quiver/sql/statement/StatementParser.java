package io.quiver.sql.statement;

import io.quiver.sql.SqlError;
import io.quiver.sql.SqlParsing;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.ddl.SqlCreateFunction;
import org.apache.calcite.sql.ddl.SqlCreateTable;
import org.apache.calcite.sql.ddl.SqlCreateView;
import org.apache.calcite.sql.ddl.SqlDropObject;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Recognises one statement. EXPLAIN, DESCRIBE, SHOW, SET and RESET are recognised by their leading
 * words (Calcite spells them differently from DuckDB), COPY by {@link CopyParser}; their query part and
 * every other statement go to Calcite's DDL-capable parser. Error positions always refer to the statement as written.
 */
public final class StatementParser {
  private static final Pattern EXPLAIN = Pattern.compile("(?is)^\\s*explain(\\s+analyze)?\\s+");
  private static final Pattern DESCRIBE = Pattern.compile("(?is)^\\s*(describe|desc)\\s+");
  private static final Pattern IDENTIFIER = Pattern.compile("(?s)^\\s*(\"[^\"]+\"|[A-Za-z_][A-Za-z_0-9]*)\\s*$");
  private static final Pattern SHOW = Pattern.compile("(?is)^\\s*show\\s+(\\w+)\\s*$");
  private static final Pattern SET = Pattern.compile("(?is)^\\s*set\\s+(\\w+(?:\\.\\w+)*)\\s*(?:=|\\s+to\\s+)\\s*(.+?)\\s*$");
  private static final Pattern CREATE_FUNCTION = Pattern.compile("(?is)^\\s*create\\s+(or\\s+replace\\s+)?function\\b.*");
  private static final Pattern LOAD_JAR = Pattern.compile("(?is)^\\s*load\\s+jar\\s+'((?:[^']|'')*)'\\s*;?\\s*$");
  private static final Pattern RESET = Pattern.compile("(?is)^\\s*reset\\s+(\\w+(?:\\.\\w+)*)\\s*$");

  private StatementParser() {}

  public static Statement parse(String text) {
    Matcher m;
    if ((m = EXPLAIN.matcher(text)).find()) {
      return new Statement.Explain(text, parseQuery(text, m.end()), m.group(1) != null);
    }
    if ((m = DESCRIBE.matcher(text)).find()) {
      String rest = text.substring(m.end());
      Matcher id = IDENTIFIER.matcher(rest);
      if (id.matches()) {
        return new Statement.DescribeTable(text, identifier(id.group(1)));
      }
      return new Statement.DescribeQuery(text, parseQuery(text, m.end()));
    }
    if ((m = SHOW.matcher(text)).matches()) {
      String what = m.group(1).toLowerCase(Locale.ROOT);
      if (what.equals("tables")) {
        return new Statement.ShowTables(text);
      }
      if (what.equals("settings")) {
        return new Statement.ShowSettings(text);
      }
      if (what.equals("functions")) {
        return new Statement.ShowFunctions(text);
      }
      throw SqlError.at(SqlParserPos.ZERO, "Unknown SHOW statement 'SHOW " + m.group(1)
          + "'; try SHOW TABLES, SHOW FUNCTIONS or SHOW SETTINGS.");
    }
    if ((m = SET.matcher(text)).matches()) {
      return new Statement.SetOption(text, m.group(1).toLowerCase(Locale.ROOT), unquote(m.group(2)));
    }
    if ((m = RESET.matcher(text)).matches()) {
      String key = m.group(1).toLowerCase(Locale.ROOT);
      return new Statement.ResetOption(text, key.equals("all") ? null : key);
    }
    if ((m = LOAD_JAR.matcher(text)).matches()) {
      return new Statement.LoadJar(text, m.group(1).replace("''", "'"));
    }
    if (CopyParser.isCopy(text)) {
      return CopyParser.parse(text);
    }
    if (CREATE_FUNCTION.matcher(text).matches()) {
      return createFunction(text);
    }
    SqlNode node = SqlParsing.parse(text);
    if (node instanceof SqlCreateTable c) {
      if (c.query == null) {
        throw SqlError.at(c.getParserPosition(), "CREATE TABLE needs AS followed by a query: "
            + "CREATE TABLE " + c.name + " AS SELECT ...");
      }
      return new Statement.CreateTableAs(text, name(c.name.toString()), c.getReplace(), c.ifNotExists, c.query);
    }
    if (node instanceof SqlCreateView v) {
      return new Statement.CreateView(text, name(v.name.toString()), v.getReplace(), v.query);
    }
    if (node instanceof SqlDropObject d && node.getKind() == SqlKind.DROP_FUNCTION) {
      return new Statement.DropFunction(text, name(d.name.toString()), d.ifExists);
    }
    if (node instanceof SqlDropObject d && (node.getKind() == SqlKind.DROP_TABLE || node.getKind() == SqlKind.DROP_VIEW)) {
      return new Statement.Drop(text, node.getKind() == SqlKind.DROP_VIEW, name(d.name.toString()), d.ifExists);
    }
    if (node.getKind().belongsTo(SqlKind.QUERY) || node.getKind() == SqlKind.ORDER_BY || node.getKind() == SqlKind.WITH) {
      return new Statement.Query(text, node);
    }
    throw SqlError.at(node.getParserPosition(), "This statement is not supported: " + node.getKind() + ".");
  }

  /** Calcite parses CREATE FUNCTION ... USING JAR; the WITH (...) options are split off first. */
  private static Statement createFunction(String text) {
    WithOptions.Split split = WithOptions.split(text);
    SqlNode node = SqlParsing.parse(split.head());
    if (!(node instanceof SqlCreateFunction f)) {
      throw SqlError.at(node.getParserPosition(), "Expected CREATE FUNCTION name AS 'class' [USING JAR 'uri'] [WITH (...)].");
    }
    List<SqlNode> operands = f.getOperandList();
    String name = name(operands.get(0).toString());
    String className = ((SqlLiteral) operands.get(1)).getValueAs(String.class);
    String jar = null;
    if (operands.size() > 2 && operands.get(2) instanceof SqlNodeList using) {
      for (SqlNode u : using) {
        if (u instanceof SqlCharStringLiteral uri) {
          if (jar != null) {
            throw SqlError.at(u.getParserPosition(), "A function's class comes from one jar; give one USING JAR.");
          }
          jar = uri.getValueAs(String.class);
        } else if (u instanceof SqlLiteral kind && !"JAR".equalsIgnoreCase(String.valueOf(kind.getValue()))) {
          throw SqlError.at(u.getParserPosition(), "Only USING JAR is supported, not USING " + kind.getValue() + ".");
        }
      }
    }
    if (f.ifNotExists) {
      throw SqlError.at(f.getParserPosition(), "CREATE FUNCTION IF NOT EXISTS is not supported; use CREATE OR REPLACE FUNCTION.");
    }
    return new Statement.CreateFunction(text, name, className, jar, f.getReplace(), split.options());
  }

  private static SqlNode parseQuery(String text, int offset) {
    try {
      return SqlParsing.parseQuery(text.substring(offset));
    } catch (SqlError e) {
      throw e.shiftedBy(text, offset);
    }
  }

  private static String identifier(String raw) {
    return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw.toLowerCase(Locale.ROOT);
  }

  private static String name(String calciteName) {
    return calciteName;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
