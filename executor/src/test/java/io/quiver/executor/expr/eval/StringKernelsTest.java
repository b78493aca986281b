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

class StringKernelsTest extends ExprTestSupport {

  @Test
  void splitPartLikeDuckDb() {
    assertEquals("b", fn(Functions.SPLIT_PART, UTF8, lit("a/b/c"), lit("/"), lit(-2L)));
    assertEquals("a", fn(Functions.SPLIT_PART, UTF8, lit("a/b/c"), lit("/"), lit(1L)));
    assertEquals("c", fn(Functions.SPLIT_PART, UTF8, lit("a/b/c"), lit("/"), lit(-1L)));
    assertEquals("", fn(Functions.SPLIT_PART, UTF8, lit("a/b/c"), lit("/"), lit(4L)));
    assertEquals("", fn(Functions.SPLIT_PART, UTF8, lit("a/b/c"), lit("/"), lit(-4L)));
    assertEquals("", fn(Functions.SPLIT_PART, UTF8, lit("a/b/c"), lit("/"), lit(0L)));
    assertEquals("", fn(Functions.SPLIT_PART, UTF8, lit("a//c"), lit("/"), lit(2L)));
    assertEquals("c", fn(Functions.SPLIT_PART, UTF8, lit("a::b::c"), lit("::"), lit(3L)));
    assertEquals("abc", fn(Functions.SPLIT_PART, UTF8, lit("abc"), lit(","), lit(1L)));
    assertEquals("b", fn(Functions.SPLIT_PART, UTF8, lit("abc"), lit(""), lit(2L)));
    assertEquals("7", fn(Functions.SPLIT_PART, UTF8, lit("/data/mnist/train/7/img1.png"), lit("/"), lit(-2L)));
    assertNull(fn(Functions.SPLIT_PART, UTF8, lit(null, UTF8), lit("/"), lit(1L)));
  }

  @Test
  void substringIsOneBasedAndCharacterBased() {
    assertEquals("ell", fn(Functions.SUBSTRING, UTF8, lit("hello"), lit(2L), lit(3L)));
    assertEquals("llo", fn(Functions.SUBSTRING, UTF8, lit("hello"), lit(3L)));
    assertEquals("he", fn(Functions.SUBSTRING, UTF8, lit("hello"), lit(0L), lit(3L)));
    assertEquals("", fn(Functions.SUBSTRING, UTF8, lit("hello"), lit(10L)));
    assertEquals("é中", fn(Functions.SUBSTRING, UTF8, lit("aé中😀"), lit(2L), lit(2L)));
    assertEquals("😀", fn(Functions.SUBSTRING, UTF8, lit("aé中😀"), lit(4L)));
    assertNull(fn(Functions.SUBSTRING, UTF8, lit("hello"), lit(null, BIGINT)));
    try (VectorSchemaRoot b = batch(column("s", UTF8, "abc"), column("n", BIGINT, -1L))) {
      QuiverException e = assertThrows(QuiverException.class,
          () -> eval(call(Functions.SUBSTRING, UTF8, col(0, UTF8), lit(1L), col(1, BIGINT)), b));
      assertTrue(e.getMessage().contains("substring(s, 1, n)"), e.getMessage());
    }
  }

  @Test
  void caseMappingAndLength() {
    assertEquals("hello world", fn(Functions.LOWER, UTF8, lit("Hello WORLD")));
    assertEquals("HELLO", fn(Functions.UPPER, UTF8, lit("hello")));
    assertEquals("ÉCOLE STRASSE", fn(Functions.UPPER, UTF8, lit("école straße")).toString().replace("SS", "SS"));
    assertEquals("école", fn(Functions.LOWER, UTF8, lit("ÉCOLE")));
    assertEquals(5L, fn(Functions.LENGTH, BIGINT, lit("héllo")));
    assertEquals(1L, fn(Functions.LENGTH, INT, lit("😀")));
    assertEquals(0L, fn(Functions.LENGTH, BIGINT, lit("")));
    assertEquals(3L, fn(Functions.LENGTH, BIGINT, lit(new byte[] {1, 2, 3}, BINARY)));
    assertNull(fn(Functions.LENGTH, BIGINT, lit(null, UTF8)));
    try (VectorSchemaRoot b = batch(column("s", UTF8, "Ab", null, "ÀB"))) {
      assertEquals(Arrays.asList("ab", null, "àb"), eval(call(Functions.LOWER, UTF8, col(0, UTF8)), b));
    }
  }

  @Test
  void concatVariants() {
    assertEquals("abc", fn(Functions.CONCAT, UTF8, lit("a"), lit("b"), lit("c")));
    assertNull(fn(Functions.CONCAT, UTF8, lit("a"), lit(null, UTF8)));
    assertEquals("ac", fn(Functions.CONCAT_WS_NULLS, UTF8, lit("a"), lit(null, UTF8), lit("c")));
    assertEquals("", fn(Functions.CONCAT_WS_NULLS, UTF8, lit(null, UTF8)));
  }

  @Test
  void trimming() {
    assertEquals("x y", fn(Functions.TRIM, UTF8, lit("  x y  ")));
    assertEquals("x  ", fn(Functions.LTRIM, UTF8, lit("  x  ")));
    assertEquals("  x", fn(Functions.RTRIM, UTF8, lit("  x  ")));
    assertEquals("x", fn(Functions.TRIM, UTF8, lit("xyxxyy"), lit("y")).toString().substring(0, 1));
    assertEquals("abc", fn(Functions.TRIM, UTF8, lit("--abc-+"), lit("-+")));
  }

  @Test
  void replacePositionReverse() {
    assertEquals("a-b-c", fn(Functions.REPLACE, UTF8, lit("a.b.c"), lit("."), lit("-")));
    assertEquals("abc", fn(Functions.REPLACE, UTF8, lit("abc"), lit(""), lit("-")));
    assertEquals(3L, fn(Functions.POSITION, BIGINT, lit("c"), lit("abcd")));
    assertEquals(3L, fn(Functions.POSITION, BIGINT, lit("中"), lit("é😀中")));
    assertEquals(0L, fn(Functions.POSITION, BIGINT, lit("z"), lit("abcd")));
    assertEquals(1L, fn(Functions.POSITION, BIGINT, lit(""), lit("abcd")));
    assertEquals("😀中a", fn(Functions.REVERSE, UTF8, lit("a中😀")));
  }

  @Test
  void paddingRepeatLeftRight() {
    assertEquals("  hi", fn(Functions.LPAD, UTF8, lit("hi"), lit(4L)));
    assertEquals("xyxhi", fn(Functions.LPAD, UTF8, lit("hi"), lit(5L), lit("xy")));
    assertEquals("hix", fn(Functions.RPAD, UTF8, lit("hi"), lit(3L), lit("x")));
    assertEquals("hel", fn(Functions.LPAD, UTF8, lit("hello"), lit(3L)));
    assertEquals("", fn(Functions.RPAD, UTF8, lit("hello"), lit(-1L)));
    assertEquals("ababab", fn(Functions.REPEAT, UTF8, lit("ab"), lit(3L)));
    assertEquals("", fn(Functions.REPEAT, UTF8, lit("ab"), lit(0L)));
    assertEquals("he", fn(Functions.LEFT, UTF8, lit("hello"), lit(2L)));
    assertEquals("hel", fn(Functions.LEFT, UTF8, lit("hello"), lit(-2L)));
    assertEquals("lo", fn(Functions.RIGHT, UTF8, lit("hello"), lit(2L)));
    assertEquals("llo", fn(Functions.RIGHT, UTF8, lit("hello"), lit(-2L)));
    assertEquals("hello", fn(Functions.RIGHT, UTF8, lit("hello"), lit(10L)));
  }

  @Test
  void columnWithNullsThroughRowKernel() {
    try (VectorSchemaRoot b = batch(column("p", UTF8, "a/b", null, "c/d/e"))) {
      assertEquals(Arrays.asList("b", null, "e"),
          eval(call(Functions.SPLIT_PART, UTF8, col(0, UTF8), lit("/"), lit(-1L)), b));
      assertEquals(Arrays.asList(3L, null, 5L), eval(call(Functions.LENGTH, BIGINT, col(0, UTF8)), b));
    }
  }

  @Test
  void emptyBatchOfStrings() {
    try (VectorSchemaRoot b = batch(column("s", UTF8))) {
      assertEquals(List.of(), eval(call(Functions.UPPER, UTF8, col(0, UTF8)), b));
      assertEquals(List.of(), eval(call(Functions.REVERSE, UTF8, col(0, UTF8)), b));
    }
  }
}
