package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.statement.Statement;
import io.quiver.sql.statement.StatementParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CREATE FUNCTION (with Quiver's WITH clause), LOAD JAR, DROP FUNCTION and SHOW FUNCTIONS. */
class FunctionStatementsTest {
  @Test
  void createFunctionWithJarAndOptions() {
    Statement.CreateFunction f = (Statement.CreateFunction) StatementParser.parse(
        "CREATE FUNCTION classify AS 'example.MnistClassifier' USING JAR 'examples/x.jar'\n"
            + "  WITH (model_path = 'shared/m.pt', batch_size = 100, concurrency = '1..4', num_cpus = 1, Flag = true)");
    assertEquals("classify", f.name());
    assertEquals("example.MnistClassifier", f.className());
    assertEquals("examples/x.jar", f.jar());
    assertEquals(Map.of("model_path", "shared/m.pt", "batch_size", "100", "concurrency", "1..4", "num_cpus", "1",
        "flag", "true"), f.options());
  }

  @Test
  void createOrReplaceWithoutJarOrOptions() {
    Statement.CreateFunction f = (Statement.CreateFunction) StatementParser.parse(
        "create or replace function Norm as 'a.B'");
    assertTrue(f.orReplace());
    assertEquals("norm", f.name());
    assertNull(f.jar());
    assertEquals(Map.of(), f.options());
  }

  @Test
  void withInsideStringsIsNotTheClause() {
    Statement.CreateFunction f = (Statement.CreateFunction) StatementParser.parse(
        "CREATE FUNCTION f AS 'with (x)' USING JAR 'a with (b).jar' WITH (k = 'it''s')");
    assertEquals("with (x)", f.className());
    assertEquals("a with (b).jar", f.jar());
    assertEquals(Map.of("k", "it's"), f.options());
  }

  @Test
  void badWithClausePointsAtTheProblem() {
    String sql = "CREATE FUNCTION f AS 'a.B' WITH (k = 1 j = 2)";
    SqlError e = assertThrows(SqlError.class, () -> StatementParser.parse(sql));
    assertTrue(e.getMessage().contains("expected ',' or ')'"), e.getMessage());
    assertEquals(sql.indexOf("j =") + 1, e.pos().getColumnNum());
  }

  @Test
  void syntaxErrorBeforeWithKeepsItsPosition() {
    String sql = "CREATE FUNCTION f AS USING JAR 'x.jar' WITH (a = 1)";
    SqlError e = assertThrows(SqlError.class, () -> StatementParser.parse(sql));
    assertEquals(sql.indexOf("USING") + 1, e.pos().getColumnNum());
  }

  @Test
  void loadDropShow() {
    assertEquals("dir/u.jar", ((Statement.LoadJar) StatementParser.parse("LOAD JAR 'dir/u.jar'")).jar());
    Statement.DropFunction d = (Statement.DropFunction) StatementParser.parse("DROP FUNCTION IF EXISTS f");
    assertEquals("f", d.name());
    assertTrue(d.ifExists());
    assertInstanceOf(Statement.ShowFunctions.class, StatementParser.parse("SHOW FUNCTIONS"));
  }
}
