package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.agg.HashAggregation;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.ValuesNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class HashAggregateOperatorTest {
  static final Schema INPUT = schema("s", UTF8, "i", INT32, "b", BOOL, "v", INT64, "d", FLOAT8, "t", UTF8,
      "dt", DATE, "ts", TIMESTAMP, "small", INT16, "f", FLOAT4);

  /** Every aggregate over every suitable column: function, argument column, result type. */
  static final List<AggCall> CALLS = List.of(
      new AggCall(AggCall.COUNT_STAR, -1, INT64, "cnt"),
      new AggCall(AggCall.COUNT, 3, INT64, "cnt_v"),
      new AggCall(AggCall.SUM, 3, INT64, "sum_v"),
      new AggCall(AggCall.SUM, 4, FLOAT8, "sum_d"),
      new AggCall(AggCall.SUM, 8, INT64, "sum_small"),
      new AggCall(AggCall.SUM, 9, FLOAT8, "sum_f"),
      new AggCall(AggCall.MIN, 3, INT64, "min_v"),
      new AggCall(AggCall.MAX, 3, INT64, "max_v"),
      new AggCall(AggCall.MIN, 4, FLOAT8, "min_d"),
      new AggCall(AggCall.MAX, 4, FLOAT8, "max_d"),
      new AggCall(AggCall.MIN, 5, UTF8, "min_t"),
      new AggCall(AggCall.MAX, 5, UTF8, "max_t"),
      new AggCall(AggCall.MIN, 6, DATE, "min_dt"),
      new AggCall(AggCall.MAX, 6, DATE, "max_dt"),
      new AggCall(AggCall.MIN, 7, TIMESTAMP, "min_ts"),
      new AggCall(AggCall.MAX, 7, TIMESTAMP, "max_ts"),
      new AggCall(AggCall.MIN, 2, BOOL, "min_b"),
      new AggCall(AggCall.MAX, 2, BOOL, "max_b"),
      new AggCall(AggCall.MIN, 8, INT16, "min_small"),
      new AggCall(AggCall.AVG, 3, FLOAT8, "avg_v"),
      new AggCall(AggCall.AVG, 4, FLOAT8, "avg_d"),
      new AggCall(AggCall.STDDEV_SAMP, 4, FLOAT8, "sds_d"),
      new AggCall(AggCall.STDDEV_POP, 3, FLOAT8, "sdp_v"),
      new AggCall(AggCall.VAR_SAMP, 3, FLOAT8, "vs_v"),
      new AggCall(AggCall.VAR_POP, 4, FLOAT8, "vp_d"),
      new AggCall(AggCall.ANY_VALUE, 5, UTF8, "any_t"),
      new AggCall(AggCall.ANY_VALUE, 3, INT64, "any_v"));

  static List<List<Object>> randomRows(int n, long seed) {
    Random rnd = new Random(seed);
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      rows.add(row(
          rnd.nextInt(15) == 0 ? null : "id" + String.format("%03d", rnd.nextInt(13)),
          rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(7) - 3,
          rnd.nextInt(9) == 0 ? null : rnd.nextBoolean(),
          rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(2_000_001) - 1_000_000,
          rnd.nextInt(6) == 0 ? null : 1e6 + rnd.nextGaussian() * 10,
          rnd.nextInt(5) == 0 ? null : Integer.toString(rnd.nextInt(100_000), 36) + "é",
          rnd.nextInt(5) == 0 ? null : rnd.nextInt(40_000) - 20_000,
          rnd.nextInt(5) == 0 ? null : rnd.nextLong() / 1024,
          rnd.nextInt(5) == 0 ? null : (long) (short) rnd.nextInt(),
          rnd.nextInt(5) == 0 ? null : (double) (float) rnd.nextGaussian()));
    }
    return rows;
  }

  static Schema outputSchema(int[] keys, List<AggCall> calls) {
    List<Field> fields = new ArrayList<>();
    for (int k : keys) {
      fields.add(INPUT.getFields().get(k));
    }
    for (AggCall c : calls) {
      fields.add(field(c.name(), c.type()));
    }
    return new Schema(fields);
  }

  static List<List<Object>> run(List<List<Object>> rows, int[] keys, List<AggCall> calls, int inBatch, int outBatch) {
    try (BufferAllocator allocator = new RootAllocator()) {
      ExecContext ctx = ctx(allocator, outBatch);
      ListStream in = stream(allocator, INPUT, rows, inBatch);
      AggregateNode node = new AggregateNode(new ValuesNode(INPUT, List.of()), keys, calls, outputSchema(keys, calls));
      List<List<Object>> out = drain(new HashAggregateOperator(in, node, ctx));
      assertTrue(in.closed);
      return out;
    }
  }

  // ---- the reference: plain Java over the rows ----

  static List<List<Object>> reference(List<List<Object>> rows, int[] keys, List<AggCall> calls) {
    Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
    for (List<Object> r : rows) {
      List<Object> key = new ArrayList<>();
      for (int k : keys) {
        key.add(r.get(k));
      }
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
    }
    if (keys.length == 0 && groups.isEmpty()) {
      groups.put(List.of(), List.of());
    }
    List<List<Object>> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<List<Object>>> g : groups.entrySet()) {
      List<Object> row = new ArrayList<>(g.getKey());
      for (AggCall c : calls) {
        row.add(referenceAgg(c, g.getValue()));
      }
      out.add(row);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object referenceAgg(AggCall c, List<List<Object>> rows) {
    if (c.function().equals(AggCall.COUNT_STAR)) {
      return (long) rows.size();
    }
    List<Object> vals = rows.stream().map(r -> r.get(c.arg())).filter(Objects::nonNull).toList();
    switch (c.function()) {
      case AggCall.COUNT:
        return (long) vals.size();
      case AggCall.ANY_VALUE:
        return vals.isEmpty() ? null : vals.get(0);
      default:
        break;
    }
    if (vals.isEmpty()) {
      return null;
    }
    Comparator cmp = vals.get(0) instanceof String
        ? Comparator.comparing(o -> (String) o, TestData::compareUtf8) : Comparator.naturalOrder();
    double[] xs = vals.stream().mapToDouble(o -> o instanceof Number n ? n.doubleValue() : 0).toArray();
    double mean = java.util.Arrays.stream(xs).average().orElse(0);
    double ss = java.util.Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum();
    int n = xs.length;
    switch (c.function()) {
      case AggCall.MIN:
        return vals.stream().min(cmp).get();
      case AggCall.MAX:
        return vals.stream().max(cmp).get();
      case AggCall.SUM:
        return c.type().equals(INT64) ? (Object) vals.stream().mapToLong(o -> (Long) o).sum()
            : (Object) java.util.Arrays.stream(xs).sum();
      case AggCall.AVG:
        return mean;
      case AggCall.VAR_POP:
        return ss / n;
      case AggCall.STDDEV_POP:
        return Math.sqrt(ss / n);
      case AggCall.VAR_SAMP:
        return n < 2 ? null : ss / (n - 1);
      case AggCall.STDDEV_SAMP:
        return n < 2 ? null : Math.sqrt(ss / (n - 1));
      default:
        throw new AssertionError(c.function());
    }
  }

  /** Compares results as maps from key to row (order-free), doubles to 1e-9 relative. */
  static void assertSameGroups(List<List<Object>> expected, List<List<Object>> actual, int keyCount) {
    assertEquals(expected.size(), actual.size(), "group count");
    Map<List<Object>, List<Object>> byKey = new HashMap<>();
    for (List<Object> r : actual) {
      assertNull(byKey.put(r.subList(0, keyCount), r), "duplicate group " + r.subList(0, keyCount));
    }
    for (List<Object> e : expected) {
      List<Object> a = byKey.get(e.subList(0, keyCount));
      assertNotNull(a, "missing group " + e.subList(0, keyCount));
      for (int c = 0; c < e.size(); c++) {
        Object x = e.get(c);
        Object y = a.get(c);
        if (x instanceof Double dx && y instanceof Double dy) {
          assertEquals(dx, dy, Math.abs(dx) * 1e-9 + 1e-9, "column " + c + " of group " + e.subList(0, keyCount));
        } else {
          assertEquals(x, y, "column " + c + " of group " + e.subList(0, keyCount));
        }
      }
    }
  }

  void check(int[] keys, int rows, int inBatch, int outBatch) {
    List<List<Object>> data = randomRows(rows, rows * 31L + keys.length);
    assertSameGroups(reference(data, keys, CALLS), run(data, keys, CALLS, inBatch, outBatch), keys.length);
  }

  @Test
  void groupsByStringKeyWithNulls() {
    check(new int[] {0}, 2000, 300, 5);
  }

  @Test
  void groupsByIntKey() {
    check(new int[] {1}, 2000, 128, 1024);
  }

  @Test
  void groupsByMultipleKeysOfMixedTypes() {
    check(new int[] {0, 1, 2}, 3000, 500, 64);
  }

  @Test
  void groupsByDateTimestampAndDoubleKeys() {
    check(new int[] {6}, 500, 100, 7);
    check(new int[] {4, 2}, 500, 100, 1000);
  }

  @Test
  void noKeysGivesOneRow() {
    check(new int[] {}, 1000, 99, 10);
  }

  @Test
  void noKeysOnEmptyInputGivesCountZeroAndNulls() {
    List<List<Object>> out = run(List.of(), new int[] {}, CALLS, 10, 10);
    assertEquals(1, out.size());
    List<Object> row = out.get(0);
    assertEquals(0L, row.get(0));
    assertEquals(0L, row.get(1));
    for (int c = 2; c < CALLS.size(); c++) {
      assertNull(row.get(c), CALLS.get(c).name());
    }
  }

  @Test
  void keysOnEmptyInputGiveNoRows() {
    assertEquals(List.of(), run(List.of(), new int[] {0}, CALLS, 10, 10));
  }

  @Test
  void groupsComeInFirstSeenOrder() {
    List<List<Object>> data = List.of(
        row("b", 1L, true, 5L, 1.0, "x", 1, 1L, 1L, 1.0),
        row(null, 1L, true, 6L, 1.0, "x", 1, 1L, 1L, 1.0),
        row("a", 1L, true, 7L, 1.0, "x", 1, 1L, 1L, 1.0),
        row("b", 1L, true, 8L, 1.0, "x", 1, 1L, 1L, 1.0));
    List<AggCall> sum = List.of(new AggCall(AggCall.SUM, 3, INT64, "s"));
    assertEquals(List.of(row("b", 13L), row(null, 6L), row("a", 7L)), run(data, new int[] {0}, sum, 2, 2));
  }

  @Test
  void manyGroupsGrowTheTable() {
    List<List<Object>> data = new ArrayList<>();
    for (int r = 0; r < 60_000; r++) {
      long k = (r * 7919L) % 20_011;
      data.add(row("k" + k, k, null, (long) r, (double) r, null, null, null, null, null));
    }
    int[] keys = {0, 1};
    List<AggCall> calls = List.of(new AggCall(AggCall.COUNT_STAR, -1, INT64, "c"),
        new AggCall(AggCall.SUM, 3, INT64, "s"), new AggCall(AggCall.AVG, 4, FLOAT8, "a"));
    List<List<Object>> out = run(data, keys, calls, 4096, 4096);
    assertSameGroups(reference(data, keys, calls), out, 2);
    assertEquals(20_011, out.size());
  }

  @Test
  void negativeZeroAndNaNKeysFormOneGroupEach() {
    List<List<Object>> data = new ArrayList<>();
    for (double d : new double[] {0.0, -0.0, Double.NaN, Double.NaN, 1.5}) {
      data.add(row(null, null, null, 1L, d, null, null, null, null, null));
    }
    List<AggCall> cnt = List.of(new AggCall(AggCall.COUNT_STAR, -1, INT64, "c"));
    List<List<Object>> out = run(data, new int[] {4}, cnt, 2, 10);
    assertEquals(3, out.size());
    assertEquals(2L, out.get(0).get(1));
    assertEquals(2L, out.get(1).get(1));
  }

  @Test
  void sumOfIntegersCanBeDeclaredFloat8() {
    List<List<Object>> data = randomRows(100, 5);
    List<AggCall> calls = List.of(new AggCall(AggCall.SUM, 3, FLOAT8, "s"));
    List<List<Object>> out = run(data, new int[] {}, calls, 30, 10);
    long expected = data.stream().map(r -> r.get(3)).filter(Objects::nonNull).mapToLong(o -> (Long) o).sum();
    assertEquals((double) expected, out.get(0).get(0));
  }

  @Test
  void mergedPartialStatesEqualOneAggregation() {
    List<List<Object>> data = randomRows(3000, 77);
    int[] keys = {0, 2};
    Schema out = outputSchema(keys, CALLS);
    try (BufferAllocator allocator = new RootAllocator();
        HashAggregation first = new HashAggregation(INPUT, keys, CALLS, allocator);
        HashAggregation second = new HashAggregation(INPUT, keys, CALLS, allocator)) {
      try (VectorSchemaRoot a = batch(allocator, INPUT, data.subList(0, 1000));
          VectorSchemaRoot b = batch(allocator, INPUT, data.subList(1000, 3000))) {
        first.add(a);
        second.add(b);
      }
      first.merge(second);
      try (VectorSchemaRoot result = first.output(out, 0, first.groupCount(), allocator)) {
        assertSameGroups(reference(data, keys, CALLS), rows(result), keys.length);
      }
    }
  }

  @Test
  void rejectsSumOfStringsWithAClearMessage() {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<AggCall> calls = List.of(new AggCall(AggCall.SUM, 0, INT64, "s"));
      QuiverException e = assertThrows(QuiverException.class,
          () -> new HashAggregation(INPUT, new int[] {}, calls, allocator));
      assertTrue(e.getMessage().contains("sum") && e.getMessage().contains("'s'"), e.getMessage());
    }
  }

  @Test
  void groupsByBinaryKey() {
    Schema in = schema("k", BINARY, "v", INT64);
    List<List<Object>> data = List.of(row(new byte[] {1, 2}, 1L), row(new byte[] {}, 2L),
        row(new byte[] {1, 2}, 3L), row(null, 4L), row(new byte[] {}, 5L));
    try (BufferAllocator allocator = new RootAllocator()) {
      List<AggCall> calls = List.of(new AggCall(AggCall.SUM, 1, INT64, "s"));
      Schema outSchema = new Schema(List.of(in.getFields().get(0), field("s", INT64)));
      AggregateNode node = new AggregateNode(new ValuesNode(in, List.of()), new int[] {0}, calls, outSchema);
      List<List<Object>> out = drain(new HashAggregateOperator(stream(allocator, in, data, 2), node, ctx(allocator, 100)));
      assertEquals(3, out.size());
      assertArrayEquals(new byte[] {1, 2}, (byte[]) out.get(0).get(0));
      assertEquals(4L, out.get(0).get(1));
      assertEquals(7L, out.get(1).get(1));
      assertNull(out.get(2).get(0));
      assertEquals(4L, out.get(2).get(1));
    }
  }
}
