package io.quiver.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The SQL keywords the shell highlights and completes, and the functions it offers without an engine. */
final class SqlWords {
  /** Keywords of Quiver's SQL (SPEC §3) and the common SQL around them. */
  static final Set<String> KEYWORDS = Set.copyOf(List.of(
      "ALL", "ALTER", "ANALYZE", "AND", "ANY", "AS", "ASC", "BETWEEN", "BIGINT", "BOOLEAN", "BY", "CASE",
      "CAST", "COPY", "CREATE", "CROSS", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DATE", "DECIMAL", "DEFAULT",
      "DELETE", "DESC", "DESCRIBE", "DISTINCT", "DOUBLE", "DROP", "ELSE", "END", "EXCEPT", "EXISTS",
      "EXPLAIN", "FALSE", "FETCH", "FIRST", "FLOAT", "FOR", "FORMAT", "FROM", "FULL", "FUNCTION",
      "FUNCTIONS", "GROUP", "HAVING", "IF", "ILIKE", "IN", "INNER", "INSERT", "INT", "INTEGER", "INTERSECT",
      "INTERVAL", "INTO", "IS", "JAR", "JOIN", "LAST", "LATERAL", "LEFT", "LIKE", "LIMIT", "LOAD", "NATURAL",
      "NEXT", "NOT", "NULL", "NULLS", "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "OVER", "PARQUET",
      "PARTITION", "PARTITION_BY", "REAL", "REPLACE", "RESET", "RIGHT", "ROW", "ROWS", "SELECT", "SET",
      "SETTINGS", "SHOW", "SMALLINT", "TABLE", "TABLES", "TENSOR", "THEN", "TIMESTAMP", "TINYINT", "TO",
      "TRUE", "UNION", "USING", "VALUES", "VARBINARY", "VARCHAR", "VIEW", "WHEN", "WHERE", "WITH"));

  /** Built-in functions offered when the engine cannot list its own (a remote server). */
  static final List<String> COMMON_FUNCTIONS = List.of("abs", "avg", "cast", "ceil", "coalesce", "concat",
      "count", "exp", "floor", "length", "ln", "lower", "max", "min", "mod", "nullif", "power", "random",
      "range", "read_csv", "read_images", "read_json", "read_parquet", "regexp_extract", "replace", "round",
      "split_part", "sqrt", "stddev", "stddev_samp", "substring", "sum", "trim", "upper");

  /** Keywords after which a table name (or a table function) comes. */
  static final Set<String> BEFORE_TABLE = Set.of("FROM", "JOIN", "TABLE", "DESCRIBE", "INTO", "VIEW", "COPY");

  private SqlWords() {}

  static boolean isKeyword(String word) {
    return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** Keywords in the case the user is typing in (lower case when the prefix is lower case). */
  static List<String> keywords(String prefix) {
    boolean lower = !prefix.isEmpty() && prefix.equals(prefix.toLowerCase(Locale.ROOT));
    TreeSet<String> out = new TreeSet<>();
    for (String k : KEYWORDS) {
      out.add(lower ? k.toLowerCase(Locale.ROOT) : k);
    }
    return List.copyOf(out);
  }
}
