package io.quiver.executor.expr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Byte-level fast paths checked against simple reference implementations on random data. */
class RandomizedAgreementTest extends ExprTestSupport {
  private final Random random = new Random(12345);

  private String randomString(String alphabet, int maxLen) {
    int len = random.nextInt(maxLen + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return sb.toString();
  }

  private Object[] strings(int n, String alphabet, int maxLen) {
    Object[] s = new Object[n];
    for (int i = 0; i < n; i++) {
      s[i] = i % 17 == 0 ? null : randomString(alphabet, maxLen);
    }
    return s;
  }

  @Test
  void splitPartBytesAgreesWithReference() {
    Object[] s = strings(400, "ab/é:", 24);
    try (VectorSchemaRoot b = batch(column("s", UTF8, s))) {
      for (String delim : List.of("/", "::", "é", "ab")) {
        for (long k = -5; k <= 5; k++) {
          List<Object> got = eval(call(Functions.SPLIT_PART, UTF8, col(0, UTF8), lit(delim), lit(k)), b);
          for (int i = 0; i < s.length; i++) {
            Object expected = s[i] == null ? null : StringFunctions.splitPart((String) s[i], delim, k);
            assertEquals(expected, got.get(i), "split_part('" + s[i] + "', '" + delim + "', " + k + ")");
          }
        }
      }
    }
  }

  @Test
  void likeAgreesWithRegexReference() {
    Object[] s = strings(300, "abcé中", 20);
    try (VectorSchemaRoot b = batch(column("s", UTF8, s))) {
      for (int p = 0; p < 150; p++) {
        String pattern = randomString("abé%%_", 6);
        Pattern reference = Pattern.compile(pattern.replace("%", "\u0001").replace("_", "\u0002")
            .replaceAll("([^\u0001\u0002]+)", "\\\\Q$1\\\\E").replace("\u0001", ".*").replace("\u0002", "."),
            Pattern.DOTALL);
        List<Object> got = eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit(pattern)), b);
        for (int i = 0; i < s.length; i++) {
          Object expected = s[i] == null ? null : reference.matcher((String) s[i]).matches();
          assertEquals(expected, got.get(i), "'" + s[i] + "' LIKE '" + pattern + "'");
        }
      }
    }
  }

  @Test
  void longStringsContainsSearch() {
    Object[] s = strings(200, "xxxxxxxxxxyz", 200);
    try (VectorSchemaRoot b = batch(column("s", UTF8, s))) {
      for (String needle : List.of("y", "yz", "zy", "xyzx", "zzz")) {
        List<Object> got = eval(call(Functions.LIKE, BOOL, col(0, UTF8), lit("%" + needle + "%")), b);
        for (int i = 0; i < s.length; i++) {
          assertEquals(s[i] == null ? null : ((String) s[i]).contains(needle), got.get(i));
        }
      }
    }
  }

  @Test
  void inDenseSparseAndScanAgree() {
    Object[] x = new Object[500];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 23 == 0 ? null : (long) random.nextInt(2000) - 1000;
    }
    try (VectorSchemaRoot b = batch(column("x", BIGINT, x))) {
      for (int size : new int[] {1, 5, 9, 50}) {
        for (long spread : new long[] {100, 1L << 40}) {
          Set<Long> set = new HashSet<>();
          List<Expr> args = new ArrayList<>(List.of(col(0, BIGINT)));
          for (int k = 0; k < size; k++) {
            long v = spread > 1000 && k % 2 == 0 ? random.nextLong() % spread : random.nextInt(200) - 100;
            set.add(v);
            args.add(lit(v));
          }
          List<Object> got = eval(call(Functions.IN, BOOL, args.toArray(new Expr[0])), b);
          for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] == null ? null : set.contains(x[i]), got.get(i), "size " + size + " spread " + spread);
          }
        }
      }
    }
  }

  @Test
  void stringToIntegerFastPathAgreesWithSlowPath() {
    Object[] s = {"0", "-0", "+12", "123456789012345678", "1234567890123456789", "-9223372036854775808", " 7",
        "7 ", "", "-", "+", "1a", "99999999999999999999", "-42"};
    try (VectorSchemaRoot b = batch(column("s", UTF8, s))) {
      List<Object> got = eval(call(Functions.TRY_CAST, BIGINT, col(0, UTF8)), b);
      for (int i = 0; i < s.length; i++) {
        Long expected;
        try {
          expected = Long.parseLong(((String) s[i]).strip().replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
          expected = null;
        }
        assertEquals(expected, got.get(i), "'" + s[i] + "'");
      }
      List<Object> ints = eval(call(Functions.TRY_CAST, INT, col(0, UTF8)), b);
      assertEquals(null, ints.get(3));
      assertEquals(-42L, ints.get(13));
    }
  }

  @Test
  void caseCoercesBranchTypes() {
    try (VectorSchemaRoot b = batch(column("x", INT, 1, 2, null))) {
      // Branches of INT and a BIGINT constant in a BIGINT CASE.
      var expr = call(Functions.CASE, BIGINT, call(Functions.EQ, BOOL, col(0, INT), lit(1L, INT)), col(0, INT),
          lit(10_000_000_000L));
      assertEquals(List.of(1L, 10_000_000_000L, 10_000_000_000L), eval(expr, b));
    }
  }
}
