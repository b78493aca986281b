package io.quiver.sql.statement;

import org.apache.calcite.sql.SqlNode;

/** A parsed statement of SPEC §3. {@code text} is the statement as the user wrote it. */
public sealed interface Statement {
  String text();

  /** SELECT, WITH, VALUES, UNION ...: rows. */
  record Query(String text, SqlNode query) implements Statement {}

  /** EXPLAIN [ANALYZE] query. */
  record Explain(String text, SqlNode query, boolean analyze) implements Statement {}

  /** DESCRIBE query: the result's columns and types. */
  record DescribeQuery(String text, SqlNode query) implements Statement {}

  /** DESCRIBE table_or_view. */
  record DescribeTable(String text, String name) implements Statement {}

  record ShowTables(String text) implements Statement {}

  record ShowSettings(String text) implements Statement {}

  /** SET key = value (value as written, quotes removed). */
  record SetOption(String text, String key, String value) implements Statement {}

  /** RESET key, or RESET ALL when {@code key} is null. */
  record ResetOption(String text, String key) implements Statement {}

  /** CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name AS query. */
  record CreateTableAs(String text, String name, boolean orReplace, boolean ifNotExists, SqlNode query)
      implements Statement {}

  /** CREATE [OR REPLACE] VIEW name AS query. */
  record CreateView(String text, String name, boolean orReplace, SqlNode query) implements Statement {}

  /** DROP TABLE|VIEW [IF EXISTS] name. */
  record Drop(String text, boolean view, String name, boolean ifExists) implements Statement {}

  /**
   * CREATE [OR REPLACE] FUNCTION name AS 'class' [USING JAR 'uri'] [WITH (k = v, ...)]; {@code jar} is
   * null without USING JAR; option values as written, quotes removed, keys in lower case.
   */
  record CreateFunction(String text, String name, String className, String jar, boolean orReplace,
      java.util.Map<String, String> options) implements Statement {}

  /** LOAD JAR 'uri': registers every UDF the jar declares. */
  record LoadJar(String text, String jar) implements Statement {}

  /** DROP FUNCTION [IF EXISTS] name. */
  record DropFunction(String text, String name, boolean ifExists) implements Statement {}

  record ShowFunctions(String text) implements Statement {}

  /**
   * COPY (query) TO 'target' (options), or COPY table TO ...: then {@code table} is the name and
   * {@code query} is {@code SELECT * FROM table}.
   */
  record Copy(String text, SqlNode query, String table, String target, CopyOptions options) implements Statement {}
}
