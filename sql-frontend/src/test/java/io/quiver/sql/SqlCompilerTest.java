package io.quiver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.sql.catalog.Catalog;
import io.quiver.sql.functions.TableFunctions;
import io.quiver.sql.statement.Statement;
import io.quiver.sql.statement.StatementParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.junit.jupiter.api.Test;

class SqlCompilerTest {
  private final List<Map<String, Object>> calls = new ArrayList<>();
  private final TableFunctions functions = new TableFunctions((name, args) -> {
    calls.add(args);
    List<Field> fields = new ArrayList<>();
    fields.add(Field.nullable("x", new ArrowType.Int(32, true)));
    if (Boolean.TRUE.equals(args.get("include_paths"))) {
      fields.add(Field.nullable("path", ArrowType.Utf8.INSTANCE));
    }
    fields.add(Field.nullable("v", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));
    return new Schema(fields);
  });
  private final Catalog catalog = new Catalog();
  private final SqlCompiler compiler = new SqlCompiler(catalog, functions);

  private RelRoot compile(String sql) {
    return compiler.toRel(((Statement.Query) StatementParser.parse(sql)).query());
  }

  @Test
  void mixesPositionalAndNamedArgumentsInAnyCase() {
    RelRoot root = compile("SELECT CAST(split_part(path, '/', -2) AS INT) AS label, COUNT(*) AS n "
        + "FROM read_images('dir', INCLUDE_PATHS => true) GROUP BY 1 ORDER BY 1");
    assertEquals(List.of("label", "n"), root.fields.rightList());
    assertEquals("dir", calls.get(0).get("path"));
    assertEquals(true, calls.get(0).get("include_paths"));
  }

  @Test
  void tableSyntaxAndNamedOnly() {
    compile("SELECT * FROM TABLE(read_images(path => 'dir'))");
    assertEquals(Map.of("path", "dir"), calls.get(0));
  }

  @Test
  void avgAndStddevOfIntegersAreDouble() {
    RelRoot root = compile("SELECT AVG(x), STDDEV(x), STDDEV_SAMP(x), VARIANCE(x), SUM(x) FROM read_parquet('f')");
    List<RelDataTypeField> f = root.validatedRowType.getFieldList();
    for (int i = 0; i < 4; i++) {
      assertEquals("DOUBLE", f.get(i).getType().getSqlTypeName().getName());
    }
    assertEquals("BIGINT", f.get(4).getType().getSqlTypeName().getName());
  }

  @Test
  void caseOfStringsIsVarchar() {
    RelRoot root = compile("SELECT CASE WHEN x > 1 THEN 'a' ELSE 'bcd' END FROM read_parquet('f')");
    assertEquals("VARCHAR", root.validatedRowType.getFieldList().get(0).getType().getSqlTypeName().getName());
  }

  @Test
  void unknownColumnSuggestsClosest() {
    SqlError e = assertThrows(SqlError.class, () -> compile("SELECT pth FROM read_images('d', include_paths => true)"));
    assertTrue(e.getMessage().contains("did you mean 'path'"), e.getMessage());
    assertEquals(1, e.pos().getLineNum());
    assertEquals(8, e.pos().getColumnNum());
    String formatted = ErrorFormatter.format(e, "SELECT pth FROM read_images('d', include_paths => true)");
    assertTrue(formatted.contains("\nLINE 1: SELECT pth FROM"), formatted);
    assertTrue(formatted.endsWith("               ^^^"), formatted);
  }

  @Test
  void unknownFunctionAndTableSuggest() {
    SqlError e = assertThrows(SqlError.class, () -> compile("SELECT lowr('A')"));
    assertTrue(e.getMessage().contains("did you mean 'lower'"), e.getMessage());
    catalog.putTable("preds", new Schema(List.of(Field.nullable("label", new ArrowType.Int(32, true)))));
    SqlError t = assertThrows(SqlError.class, () -> compile("SELECT * FROM pred"));
    assertTrue(t.getMessage().contains("did you mean 'preds'"), t.getMessage());
  }

  @Test
  void unknownArgumentNameIsReported() {
    SqlError e = assertThrows(SqlError.class, () -> compile("SELECT * FROM read_images('d', include_path => true)"));
    assertTrue(e.getMessage().contains("no argument named 'include_path'"), e.getMessage());
  }

  @Test
  void explainErrorsPointIntoTheWholeStatement() {
    SqlError e = assertThrows(SqlError.class, () -> StatementParser.parse("EXPLAIN SELECT FROM"));
    assertEquals(1, e.pos().getLineNum());
    assertTrue(e.pos().getColumnNum() > 8, "column " + e.pos().getColumnNum());
  }

  @Test
  void viewsAreInlined() {
    catalog.putView("v", "SELECT x FROM read_parquet('f') WHERE x > 1");
    RelRoot root = compile("SELECT v.x FROM v JOIN v AS w ON v.x = w.x");
    assertEquals(List.of("x"), root.fields.rightList());
  }

  @Test
  void statementKinds() {
    assertInstanceOf(Statement.DescribeTable.class, StatementParser.parse("DESCRIBE preds"));
    assertInstanceOf(Statement.DescribeQuery.class, StatementParser.parse("DESCRIBE SELECT 1"));
    assertInstanceOf(Statement.Explain.class, StatementParser.parse("explain analyze select 1"));
    assertEquals(new Statement.SetOption("SET seed = 42", "seed", "42"), StatementParser.parse("SET seed = 42"));
    assertInstanceOf(Statement.CreateTableAs.class, StatementParser.parse("CREATE OR REPLACE TABLE t AS SELECT 1"));
    assertInstanceOf(Statement.Drop.class, StatementParser.parse("DROP VIEW IF EXISTS v"));
  }

  @Test
  void rangeIsAFunctionDespiteBeingAKeyword() {
    RelRoot root = compile("SELECT x FROM range(10) WHERE 'range(' <> x -- range(\n");
    assertEquals(List.of("x"), root.fields.rightList());
    assertEquals(10L, calls.get(0).get("start"));
  }

  @Test
  void laterNamedArgumentsReachTheSchemaResolver() {
    compile("SELECT * FROM read_images('d', size => '4x4', file_extensions => 'jpg')");
    assertEquals(Map.of("path", "d", "size", "4x4", "file_extensions", "jpg"), calls.get(calls.size() - 1));
  }
}
