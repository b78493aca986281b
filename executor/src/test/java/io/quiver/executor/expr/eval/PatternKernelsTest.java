package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Functions;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class PatternKernelsTest extends ExprTestSupport {
  private static final Object[] WORDS = {"apple", "banana", "grape", "pineapple", "", null, "app", "aé中"};

  private List<Object> like(String pattern) {
    try (VectorSchemaRoot b = batch(column("s", UTF8, WORDS))) {
      return eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit(pattern)), b);
    }
  }

  @Test
  void likeShapes() {
    assertEquals(Arrays.asList(true, false, false, false, false, null, true, true), like("a%"));
    assertEquals(Arrays.asList(true, false, false, true, false, null, false, false), like("%apple"));
    assertEquals(Arrays.asList(true, false, true, true, false, null, true, false), like("%ap%"));
    assertEquals(Arrays.asList(true, false, false, false, false, null, false, false), like("apple"));
    assertEquals(Arrays.asList(true, true, true, true, true, null, true, true), like("%"));
    assertEquals(Arrays.asList(false, false, false, false, true, null, false, false), like(""));
    assertEquals(Arrays.asList(true, false, false, true, false, null, false, false), like("%p%le"));
    assertEquals(Arrays.asList(false, true, false, false, false, null, false, false), like("b%n%a"));
    assertEquals(Arrays.asList(true, false, true, false, false, null, false, false), like("_____"));
    assertEquals(Arrays.asList(false, false, false, false, false, null, true, true), like("a__"));
    assertEquals(Arrays.asList(false, false, false, false, false, null, false, true), like("a%中"));
    assertEquals(Arrays.asList(true, false, false, true, false, null, false, false), like("%p_e"));
  }

  @Test
  void likeEdgeCasesOverlapAndRepeats() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "aa", "a", "aXa", "abab"))) {
      assertEquals(List.of(true, false, true, false), eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("a%a")), b));
      assertEquals(List.of(false, false, false, true), eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("%ab%ab")), b));
    }
  }

  @Test
  void likeEscape() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "50%", "50x", "a_b", "ab"))) {
      assertEquals(List.of(true, false, false, false),
          eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("50!%"), lit("!")), b));
      assertEquals(List.of(false, false, true, false),
          eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("a\\_b"), lit("\\")), b));
      // Without an escape clause a backslash is an ordinary character.
      assertEquals(List.of(false, false, false, false),
          eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("a\\_b")), b));
      QuiverException e = assertThrows(QuiverException.class,
          () -> eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("ab!"), lit("!")), b));
      assertTrue(e.getMessage().contains("escape"), e.getMessage());
    }
  }

  @Test
  void ilikeIgnoresCase() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "Apple", "APPLE", "ÉCOLE", "pear"))) {
      assertEquals(List.of(true, true, false, false), eval(call(Functions.ILIKE, BOOL, col(0, UTF8), lit("app%")), b));
      assertEquals(List.of(false, false, true, false), eval(call(Functions.ILIKE, BOOL, col(0, UTF8), lit("éc%")), b));
    }
  }

  @Test
  void likeWithPatternFromAColumn() {
    try (VectorSchemaRoot b = batch(column("s", UTF8, "abc", "abc", "x"), column("p", UTF8, "a%", "%z", null))) {
      assertEquals(Arrays.asList(true, false, null), eval(call(Functions.LIKE, BOOL, col(0, UTF8), col(1, UTF8)), b));
    }
  }

  @Test
  void startsAndEndsWith() {
    assertEquals(true, fn(Functions.STARTS_WITH, BOOL, lit("hello"), lit("he")));
    assertEquals(false, fn(Functions.STARTS_WITH, BOOL, lit("hello"), lit("lo")));
    assertEquals(true, fn(Functions.ENDS_WITH, BOOL, lit("hello"), lit("lo")));
    assertEquals(true, fn(Functions.ENDS_WITH, BOOL, lit("a%_b"), lit("%_b")));
    assertEquals(true, fn(Functions.STARTS_WITH, BOOL, lit("hello"), lit("")));
    assertNull(fn(Functions.ENDS_WITH, BOOL, lit(null, UTF8), lit("x")));
  }

  @Test
  void regexpExtract() {
    assertEquals("123", fn(Functions.REGEXP_EXTRACT, UTF8, lit("abc123def456"), lit("[0-9]+")));
    assertEquals("def", fn(Functions.REGEXP_EXTRACT, UTF8, lit("abc123def456"), lit("([a-z]+)([0-9]+)$"), lit(1L)));
    assertEquals("456", fn(Functions.REGEXP_EXTRACT, UTF8, lit("abc123def456"), lit("([a-z]+)([0-9]+)$"), lit(2L)));
    assertEquals("", fn(Functions.REGEXP_EXTRACT, UTF8, lit("abc"), lit("[0-9]+")));
    assertEquals("", fn(Functions.REGEXP_EXTRACT, UTF8, lit("abc"), lit("a|(z)"), lit(1L)));
    try (VectorSchemaRoot b = batch(column("s", UTF8, "x"))) {
      assertThrows(QuiverException.class,
          () -> eval(call(Functions.REGEXP_EXTRACT, UTF8, col(0, UTF8), lit("(a)"), lit(2L)), b));
      QuiverException bad = assertThrows(QuiverException.class,
          () -> eval(call(Functions.REGEXP_EXTRACT, UTF8, col(0, UTF8), lit("(a")), b));
      assertTrue(bad.getMessage().contains("Invalid regular expression '(a'"), bad.getMessage());
    }
  }

  @Test
  void regexpReplaceAndContains() {
    assertEquals("a-b.c", fn(Functions.REGEXP_REPLACE, UTF8, lit("a.b.c"), lit("\\."), lit("-")));
    try (VectorSchemaRoot b = batch(column("s", UTF8, "a.b.c", "a-x"))) {
      assertEquals(List.of("a-b-c", "a-x"),
          eval(call(Functions.REGEXP_REPLACE, UTF8, col(0, UTF8), lit("\\."), lit("-"), lit("g")), b));
      assertEquals(List.of("X.b.c", "X-x"),
          eval(call(Functions.REGEXP_REPLACE, UTF8, col(0, UTF8), lit("A"), lit("X"), lit("i")), b));
      assertThrows(QuiverException.class,
          () -> eval(call(Functions.REGEXP_REPLACE, UTF8, col(0, UTF8), lit("A"), lit("X"), lit("q")), b));
    }
    assertEquals("2020/01", fn(Functions.REGEXP_REPLACE, UTF8, lit("01-2020"), lit("(\\d+)-(\\d+)"), lit("\\2/\\1")));
    assertEquals("cost $5", fn(Functions.REGEXP_REPLACE, UTF8, lit("cost 5"), lit("(\\d)"), lit("$\\1")));
    assertEquals(true, fn(Functions.REGEXP_CONTAINS, BOOL, lit("foo123"), lit("\\d")));
    assertEquals(false, fn(Functions.REGEXP_CONTAINS, BOOL, lit("foo"), lit("^o")));
    assertNull(fn(Functions.REGEXP_CONTAINS, BOOL, lit(null, UTF8), lit("x")));
  }
}
