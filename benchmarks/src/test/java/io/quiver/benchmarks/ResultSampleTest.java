package io.quiver.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultSampleTest {
  private static ResultSample sampleOf(List<Object[]> rows, int keyColumns) {
    ResultSample s = new ResultSample(keyColumns);
    for (Object[] row : rows) {
      s.offer(row.length, c -> row[c]);
    }
    return s;
  }

  private static List<Object[]> rows(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {String.format("id%03d", i % 100), i / 100, (long) i * 3, i * 0.1});
    }
    return rows;
  }

  @Test
  void sameRowsInAnotherOrderAndOtherNumberTypesAgree() {
    List<Object[]> a = rows(5000);
    List<Object[]> b = new ArrayList<>();
    for (Object[] r : a) {
      // DuckDB's SUM gives HUGEINT (BigInteger over JDBC, BigDecimal over Arrow), keys may widen to BIGINT
      b.add(new Object[] {r[0], ((Integer) r[1]).longValue(), BigInteger.valueOf((Long) r[2]),
          new BigDecimal(Double.toString((Double) r[3] * (1 + 1e-9)))});
    }
    Collections.shuffle(b, new Random(7));
    ResultSample x = sampleOf(a, 2);
    assertEquals(ResultSample.SIZE, x.size());
    assertNull(x.differences(sampleOf(b, 2), "A", "B"));
  }

  @Test
  void reportsValuesOutsideTheToleranceAndMissingKeys() {
    List<Object[]> a = rows(200);
    List<Object[]> b = rows(200);
    b.get(17)[3] = (Double) b.get(17)[3] * (1 + 1e-4);
    String diff = sampleOf(a, 2).differences(sampleOf(b, 2), "A", "B");
    assertTrue(diff.contains("(id017,0) column 4"), diff);

    List<Object[]> c = rows(200);
    c.remove(42);
    diff = sampleOf(a, 2).differences(sampleOf(c, 2), "A", "B");
    assertTrue(diff.contains("(id042,0) only in A"), diff);
  }

  @Test
  void nullsAndNaNsOnlyMatchThemselves() {
    assertTrue(ResultSample.same(null, null));
    assertTrue(ResultSample.same(Double.NaN, Double.NaN));
    assertTrue(!ResultSample.same(null, 0.0));
    assertTrue(!ResultSample.same(Double.NaN, 1.0));
  }
}
