package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.ValuesNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class SortOperatorTest {
  static final Schema INPUT = schema("id", INT64, "s", UTF8, "i", INT32, "d", FLOAT8, "b", BOOL, "dt", DATE,
      "ts", TIMESTAMP, "bin", BINARY);

  static List<List<Object>> randomRows(int n, long seed) {
    Random rnd = new Random(seed);
    String[] strings = {"a", "B", "é", "ab", "", "zz", "Ä", "a\u0000"};
    double[] doubles = {0.0, -0.0, Double.NaN, 1.5, -1.5, Double.NEGATIVE_INFINITY, 1e300};
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      rows.add(row((long) r,
          rnd.nextInt(8) == 0 ? null : strings[rnd.nextInt(strings.length)],
          rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(5) - 2,
          rnd.nextInt(8) == 0 ? null : doubles[rnd.nextInt(doubles.length)],
          rnd.nextInt(8) == 0 ? null : rnd.nextBoolean(),
          rnd.nextInt(8) == 0 ? null : rnd.nextInt(7) - 3,
          rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(5) * 1_000_000L,
          rnd.nextInt(8) == 0 ? null : new byte[] {(byte) rnd.nextInt(3), (byte) (rnd.nextInt(3) * 100)}));
    }
    return rows;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Comparator<List<Object>> reference(List<SortKey> keys) {
    Comparator<List<Object>> all = (a, b) -> 0;
    for (SortKey k : keys) {
      Comparator<Object> values = (x, y) -> {
        if (x instanceof String s) {
          return compareUtf8(s, (String) y);
        } else if (x instanceof byte[] bs) {
          return Arrays.compareUnsigned(bs, (byte[]) y);
        }
        return ((Comparable) x).compareTo(y);
      };
      Comparator<Object> directed = k.descending() ? values.reversed() : values;
      Comparator<Object> withNulls = k.nullsFirst() ? Comparator.nullsFirst(directed) : Comparator.nullsLast(directed);
      all = all.thenComparing(r -> r.get(k.column()), withNulls);
    }
    return all;
  }

  static List<List<Object>> sortWithOperator(List<List<Object>> data, List<SortKey> keys, long offset, long fetch,
      int inBatch, int outBatch) {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream in = stream(allocator, INPUT, data, inBatch);
      SortNode node = new SortNode(new ValuesNode(INPUT, List.of()), keys, offset, fetch);
      List<List<Object>> out = drain(new SortOperator(in, node, ctx(allocator, outBatch)));
      assertTrue(in.closed);
      return out;
    }
  }

  static List<List<Object>> expected(List<List<Object>> data, List<SortKey> keys, long offset, long fetch) {
    List<List<Object>> sorted = new ArrayList<>(data);
    sorted.sort(reference(keys)); // List.sort is stable
    int from = (int) Math.min(offset, sorted.size());
    int to = fetch < 0 ? sorted.size() : (int) Math.min(sorted.size(), offset + fetch);
    return sorted.subList(from, to);
  }

  /** Compares row ids only: the operator copies whole rows, so equal ids mean equal rows in equal order. */
  static void assertSameOrder(List<List<Object>> expected, List<List<Object>> actual) {
    assertEquals(expected.stream().map(r -> r.get(0)).toList(), actual.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void sortsByEveryTypeBothDirectionsBothNullPlacements() {
    List<List<Object>> data = randomRows(300, 1);
    for (int col = 1; col < INPUT.getFields().size(); col++) {
      for (boolean desc : new boolean[] {false, true}) {
        for (boolean nullsFirst : new boolean[] {false, true}) {
          List<SortKey> keys = List.of(new SortKey(col, desc, nullsFirst));
          assertSameOrder(expected(data, keys, 0, -1), sortWithOperator(data, keys, 0, -1, 37, 50));
        }
      }
    }
  }

  @Test
  void sortsByMultipleKeysStably() {
    List<List<Object>> data = randomRows(2000, 2);
    List<SortKey> keys = List.of(new SortKey(1, false, false), new SortKey(2, true, true), new SortKey(4, false, true));
    List<List<Object>> out = sortWithOperator(data, keys, 0, -1, 100, 64);
    assertSameOrder(expected(data, keys, 0, -1), out);
    // Whole rows travel with their keys.
    assertEquals(data.get(((Long) out.get(0).get(0)).intValue()).get(1), out.get(0).get(1));
  }

  @Test
  void keepsInputOrderAmongEqualKeys() {
    List<List<Object>> data = randomRows(500, 3);
    List<SortKey> keys = List.of(new SortKey(4, true, false));
    List<List<Object>> out = sortWithOperator(data, keys, 0, -1, 64, 1000);
    for (int i = 1; i < out.size(); i++) {
      if (java.util.Objects.equals(out.get(i).get(4), out.get(i - 1).get(4))) {
        assertTrue((Long) out.get(i).get(0) > (Long) out.get(i - 1).get(0), "unstable at " + i);
      }
    }
  }

  @Test
  void topNEqualsFullSortThenLimit() {
    List<List<Object>> data = randomRows(3000, 4);
    List<SortKey> keys = List.of(new SortKey(3, true, false), new SortKey(1, false, true));
    long[][] cases = {{0, 10}, {5, 10}, {0, 1}, {100, 250}, {0, 2999}, {2990, 50}, {4000, 5}, {7, -1}};
    for (long[] c : cases) {
      // Small batches force many compactions of the kept rows.
      assertSameOrder(expected(data, keys, c[0], c[1]), sortWithOperator(data, keys, c[0], c[1], 50, 16));
    }
  }

  @Test
  void sortsLongStringsSharingPrefixes() {
    Random rnd = new Random(6);
    String[] stems = {"prefix-", "prefix-x", "prefix-é", "abcdefg", "abcdefgh", "abcdefg\u0000", ""};
    List<List<Object>> data = new ArrayList<>();
    for (int r = 0; r < 400; r++) {
      String s = rnd.nextInt(10) == 0 ? null : stems[rnd.nextInt(stems.length)] + (rnd.nextBoolean() ? "" : rnd.nextInt(50));
      data.add(row((long) r, s, null, null, null, null, null, null));
    }
    for (boolean desc : new boolean[] {false, true}) {
      List<SortKey> keys = List.of(new SortKey(1, desc, desc));
      assertSameOrder(expected(data, keys, 0, -1), sortWithOperator(data, keys, 0, -1, 64, 100));
      assertSameOrder(expected(data, keys, 3, 20), sortWithOperator(data, keys, 3, 20, 64, 100));
    }
  }

  @Test
  void acceptsBatchesThatDifferInNullability() {
    Schema nullable = schema("k", INT64, "s", UTF8);
    Schema required = new Schema(List.of(
        new org.apache.arrow.vector.types.pojo.Field("k", org.apache.arrow.vector.types.pojo.FieldType.notNullable(INT64), null),
        new org.apache.arrow.vector.types.pojo.Field("s", org.apache.arrow.vector.types.pojo.FieldType.notNullable(UTF8), null)));
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream first = stream(allocator, nullable, List.of(row(3L, "c"), row(null, null)), 10);
      ListStream second = stream(allocator, required, List.of(row(1L, "a"), row(2L, "b")), 10);
      UnionOperator both = new UnionOperator(List.of(first, second), nullable);
      SortNode node = new SortNode(new ValuesNode(nullable, List.of()), List.of(new SortKey(0, false, false)), 0, -1);
      List<List<Object>> out = drain(new SortOperator(both, node, ctx(allocator, 10)));
      assertEquals(List.of(row(1L, "a"), row(2L, "b"), row(3L, "c"), row(null, null)), out);
    }
  }

  @Test
  void fetchZeroReadsNothing() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream in = stream(allocator, INPUT, randomRows(10, 5), 3);
      SortNode node = new SortNode(new ValuesNode(INPUT, List.of()), List.of(new SortKey(1, false, false)), 0, 0);
      assertEquals(List.of(), drain(new SortOperator(in, node, ctx(allocator, 10))));
      assertEquals(0, in.pulled);
      assertTrue(in.closed);
    }
  }

  @Test
  void emptyInputGivesNoRows() {
    List<SortKey> keys = List.of(new SortKey(1, false, false));
    assertEquals(List.of(), sortWithOperator(List.of(), keys, 0, -1, 10, 10));
    assertEquals(List.of(), sortWithOperator(List.of(), keys, 0, 5, 10, 10));
  }
}
