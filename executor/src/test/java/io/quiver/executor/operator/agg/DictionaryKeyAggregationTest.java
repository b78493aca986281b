package io.quiver.executor.operator.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.executor.plan.AggCall;
import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dictionary-encoded keys give the same groups, in the same order, with the same aggregates as plain
 * VARCHAR keys: one or two key columns, NULL keys, dictionaries that change between batches (and list
 * entries in other orders, with unused and duplicate entries), batches mixing encoded and plain keys,
 * string aggregate arguments that arrive encoded, and merged partial tables.
 */
class DictionaryKeyAggregationTest {
  private static final ArrowType LONG = new ArrowType.Int(64, true);
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  private static final Schema INPUT = new Schema(List.of(Field.nullable("k1", UTF8), Field.nullable("k2", UTF8),
      Field.nullable("v", LONG)));
  private static final List<String> WORDS = List.of("", "a", "b", "id001", "id002", "exactly8", "nine bytes",
      "a string longer than sixteen bytes", "é accented", "zz");

  private RootAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** One batch's rows: k1, k2 (null: NULL), v. */
  private record Rows(String[] k1, String[] k2, long[] v) {}

  private static List<Rows> data(long seed) {
    return data(seed, true);
  }

  private static List<Rows> data(long seed, boolean nulls) {
    Random r = new Random(seed);
    List<Rows> batches = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      int n = 1 + r.nextInt(300);
      String[] k1 = new String[n];
      String[] k2 = new String[n];
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        k1[i] = nulls && r.nextInt(9) == 0 ? null : WORDS.get(r.nextInt(WORDS.size()));
        k2[i] = r.nextInt(7) == 0 ? null : WORDS.get(r.nextInt(4));
        v[i] = r.nextInt(100);
      }
      batches.add(new Rows(k1, k2, v));
    }
    return batches;
  }

  /** A dictionary of every word (shuffled, the first one twice) plus an unused entry. */
  private static StringDictionary dictionary(Random r) {
    List<String> entries = new ArrayList<>(WORDS);
    Collections.shuffle(entries, r);
    entries.add(entries.get(0));
    entries.add("never used");
    int[] offsets = new int[entries.size() + 1];
    byte[] bytes = new byte[1024];
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(e, 0, bytes, offsets[i], e.length);
      offsets[i + 1] = offsets[i] + e.length;
    }
    return new StringDictionary(Arrays.copyOf(bytes, offsets[entries.size()] + StringDictionary.PADDING), offsets);
  }

  private FieldVector plain(String name, String[] values) {
    VarCharVector v = new VarCharVector(name, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        v.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
      }
    }
    v.setValueCount(values.length);
    return v;
  }

  private FieldVector encoded(String name, String[] values, StringDictionary d) {
    DictionaryVector v = new DictionaryVector(name, d, allocator);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        byte[] want = values[i].getBytes(StandardCharsets.UTF_8);
        int id = 0;
        while (!Arrays.equals(want, 0, want.length, d.bytes(), d.offsets()[id], d.offsets()[id + 1])) {
          id++;
        }
        v.set(i, id);
      }
    }
    v.setValueCount(values.length);
    return v;
  }

  /** Encodings per key column: 'p' plain, 'd' dictionary-encoded (a new dictionary every other batch). */
  private VectorSchemaRoot batch(Rows rows, String encodings, StringDictionary[] dictionaries) {
    List<FieldVector> vectors = new ArrayList<>();
    vectors.add(encodings.charAt(0) == 'd' ? encoded("k1", rows.k1, dictionaries[0]) : plain("k1", rows.k1));
    vectors.add(encodings.charAt(1) == 'd' ? encoded("k2", rows.k2, dictionaries[1]) : plain("k2", rows.k2));
    BigIntVector v = new BigIntVector("v", allocator);
    v.allocateNew(rows.v.length);
    for (int i = 0; i < rows.v.length; i++) {
      v.set(i, rows.v[i]);
    }
    v.setValueCount(rows.v.length);
    vectors.add(v);
    List<Field> fields = new ArrayList<>();
    vectors.forEach(x -> fields.add(x.getField()));
    return new VectorSchemaRoot(fields, vectors, rows.v.length);
  }

  /** The output rows (as text) of aggregating {@code batches} with the given key encodings. */
  private List<String> aggregate(int[] keys, List<Rows> batches, String encodings, boolean mergeHalves) {
    List<AggCall> calls = List.of(new AggCall(AggCall.SUM, 2, LONG, "s"), new AggCall(AggCall.MIN, 1, UTF8, "m"),
        new AggCall(AggCall.COUNT, 0, LONG, "c"));
    List<Field> out = new ArrayList<>();
    for (int k : keys) {
      out.add(INPUT.getFields().get(k));
    }
    out.add(Field.nullable("s", LONG));
    out.add(Field.nullable("m", UTF8));
    out.add(Field.nullable("c", LONG));
    Schema schema = new Schema(out);
    Random r = new Random(7);
    StringDictionary[] dictionaries = {dictionary(r), dictionary(r)};
    try (HashAggregation first = new HashAggregation(INPUT, keys, calls, allocator);
        HashAggregation second = new HashAggregation(INPUT, keys, calls, allocator)) {
      for (int b = 0; b < batches.size(); b++) {
        if (b % 2 == 0) {
          dictionaries = new StringDictionary[] {dictionary(r), dictionary(r)};
        }
        try (VectorSchemaRoot batch = batch(batches.get(b), encodings, dictionaries)) {
          (mergeHalves && b >= batches.size() / 2 ? second : first).add(batch);
        }
      }
      if (mergeHalves) {
        first.merge(second);
      }
      try (VectorSchemaRoot result = first.output(schema, 0, first.groupCount(), allocator)) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < result.getRowCount(); i++) {
          StringBuilder sb = new StringBuilder();
          for (FieldVector v : result.getFieldVectors()) {
            sb.append(v.getObject(i)).append('|');
          }
          rows.add(sb.toString());
        }
        return rows;
      }
    }
  }

  @Test
  void oneDictionaryKeyGivesThePlainGroups() {
    for (long seed = 0; seed < 5; seed++) {
      List<Rows> data = data(seed);
      List<String> plain = aggregate(new int[] {0}, data, "pp", false);
      assertEquals(plain, aggregate(new int[] {0}, data, "dp", false));
      assertEquals(plain, aggregate(new int[] {0}, data, "dd", false)); // MIN(k2) decodes its argument
      assertEquals(plain, aggregate(new int[] {0}, data, "dd", true));
      List<Rows> noNulls = data(seed, false);
      assertEquals(aggregate(new int[] {0}, noNulls, "pp", false), aggregate(new int[] {0}, noNulls, "dp", false));
    }
  }

  @Test
  void twoDictionaryKeysGiveThePlainGroups() {
    for (long seed = 0; seed < 5; seed++) {
      List<Rows> data = data(seed);
      List<String> plain = aggregate(new int[] {0, 1}, data, "pp", false);
      assertEquals(plain, aggregate(new int[] {0, 1}, data, "dd", false));
      assertEquals(plain, aggregate(new int[] {0, 1}, data, "dp", false)); // mixed: decoded keys
      assertEquals(plain, aggregate(new int[] {0, 1}, data, "pd", true));
      assertEquals(plain, aggregate(new int[] {0, 1}, data, "dd", true));
    }
  }

  @Test
  void dictionaryVectorsRefuseTransfers() {
    try (BufferAllocator child = allocator.newChildAllocator("t", 0, Long.MAX_VALUE);
        FieldVector v = encoded("k", new String[] {"a", null}, dictionary(new Random(1)))) {
      assertThrows(UnsupportedOperationException.class, () -> v.getTransferPair(child));
    }
  }
}
