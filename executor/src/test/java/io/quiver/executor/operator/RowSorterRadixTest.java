package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quiver.executor.operator.sort.RowComparator;
import io.quiver.executor.operator.sort.RowSorter;
import io.quiver.executor.plan.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * Many rows under one exact key take the radix sort: it must give exactly the merge sort's stable order
 * (checked against a boxed reference), for every direction and NULL placement, special doubles included.
 */
class RowSorterRadixTest {
  private static final Schema SCHEMA = TestData.schema("d", TestData.FLOAT8, "l", TestData.INT64, "s", TestData.UTF8);
  private static final int ROWS = 30_000;
  private static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.MIN_VALUE, -Double.MAX_VALUE, 1.0, -1.0};
  private static final long[] EXTREME = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};

  private static List<List<Object>> rows() {
    Random rnd = new Random(5);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      Double d = rnd.nextInt(20) == 0 ? null
          : rnd.nextInt(10) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : rnd.nextGaussian() * 1e3;
      Long l = rnd.nextInt(20) == 0 ? null
          : rnd.nextInt(10) == 0 ? EXTREME[rnd.nextInt(EXTREME.length)] : (long) rnd.nextInt(2000) - 1000;
      String s = rnd.nextInt(20) == 0 ? null : "s" + rnd.nextInt(500);
      rows.add(row(d, l, s));
    }
    return rows;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int[] reference(List<List<Object>> rows, SortKey key) {
    Comparator<Object> values = key.column() == 2
        ? (a, b) -> TestData.compareUtf8((String) a, (String) b)
        : (a, b) -> ((Comparable) a).compareTo(b);
    Comparator<Integer> byKey = (a, b) -> {
      Object x = rows.get(a).get(key.column());
      Object y = rows.get(b).get(key.column());
      if (x == null || y == null) {
        if (x == y) {
          return 0;
        }
        return (x == null) == key.nullsFirst() ? -1 : 1;
      }
      int c = values.compare(x, y);
      return key.descending() ? -c : c;
    };
    return IntStream.range(0, rows.size()).boxed().sorted(byKey.thenComparing(Comparator.naturalOrder()))
        .mapToInt(Integer::intValue).toArray();
  }

  @Test
  void radixSortEqualsTheStableReferenceOrder() {
    List<List<Object>> rows = rows();
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot batch = TestData.batch(allocator, SCHEMA, rows)) {
      for (int column = 0; column < 3; column++) {
        for (boolean desc : new boolean[] {false, true}) {
          for (boolean nullsFirst : new boolean[] {false, true}) {
            SortKey key = new SortKey(column, desc, nullsFirst);
            int[] actual = RowSorter.sort(new RowComparator(batch, List.of(key)), ROWS);
            assertArrayEquals(reference(rows, key), actual, key.toString());
          }
        }
      }
    }
  }
}
