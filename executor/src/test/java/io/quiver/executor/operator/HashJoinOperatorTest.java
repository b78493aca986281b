package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.expr.CompiledExpr;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.ValuesNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class HashJoinOperatorTest {
  static final Schema LEFT = schema("lk1", INT32, "lk2", UTF8, "lv", INT64);
  static final Schema RIGHT = schema("rk1", INT64, "rk2", UTF8, "rv", FLOAT8);

  static List<List<Object>> leftRows(int n, long seed) {
    Random rnd = new Random(seed);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row(rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(8),
          rnd.nextInt(6) == 0 ? null : "k" + rnd.nextInt(3), (long) i));
    }
    return rows;
  }

  static List<List<Object>> rightRows(int n, long seed) {
    Random rnd = new Random(seed);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row(rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(10) - 1,
          rnd.nextInt(6) == 0 ? null : "k" + rnd.nextInt(3), rnd.nextInt(7) == 0 ? null : i * 1.5));
    }
    return rows;
  }

  static Schema outputSchema(JoinKind kind) {
    List<Field> fields = new ArrayList<>();
    for (Field f : LEFT.getFields()) {
      fields.add(field("out_" + f.getName(), f.getType()));
    }
    if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
      for (Field f : RIGHT.getFields()) {
        fields.add(field("out_" + f.getName(), f.getType()));
      }
    }
    return new Schema(fields);
  }

  /** The residual {@code lv < rv} as a stand-in for a compiled expression over left+right columns. */
  static CompiledExpr lvLessThanRv(BufferAllocator allocator) {
    return batch -> {
      BigIntVector lv = (BigIntVector) batch.getVector(2);
      Float8Vector rv = (Float8Vector) batch.getVector(5);
      BitVector out = new BitVector("residual", allocator);
      out.allocateNew(batch.getRowCount());
      for (int i = 0; i < batch.getRowCount(); i++) {
        if (lv.isNull(i) || rv.isNull(i)) {
          out.setNull(i);
        } else {
          out.set(i, lv.get(i) < rv.get(i) ? 1 : 0);
        }
      }
      out.setValueCount(batch.getRowCount());
      return out;
    };
  }

  static List<List<Object>> join(List<List<Object>> l, List<List<Object>> r, int[] lk, int[] rk, JoinKind kind,
      boolean withResidual, int leftBatch, int rightBatch, int outBatch) {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream left = stream(allocator, LEFT, l, leftBatch);
      ListStream right = stream(allocator, RIGHT, r, rightBatch);
      HashJoinNode node = new HashJoinNode(new ValuesNode(LEFT, List.of()), new ValuesNode(RIGHT, List.of()),
          lk, rk, kind, null, outputSchema(kind));
      HashJoinOperator op = new HashJoinOperator(left, right, node, ctx(allocator, outBatch),
          withResidual ? lvLessThanRv(allocator) : null);
      List<List<Object>> out = new ArrayList<>();
      try (op) {
        VectorSchemaRoot batch;
        while ((batch = op.next()) != null) {
          try (VectorSchemaRoot b = batch) {
            assertTrue(b.getRowCount() <= Math.max(outBatch, leftBatch), "batch too large: " + b.getRowCount());
            assertEquals(outputSchema(kind).getFields().stream().map(Field::getName).toList(),
                b.getSchema().getFields().stream().map(Field::getName).toList());
            out.addAll(rows(b));
          }
        }
      }
      assertTrue(left.closed && right.closed);
      return out;
    }
  }

  /** Nested loops: the definition of each join kind. */
  static List<List<Object>> reference(List<List<Object>> l, List<List<Object>> r, int[] lk, int[] rk, JoinKind kind,
      boolean withResidual) {
    BiPredicate<List<Object>, List<Object>> matches = (a, b) -> {
      for (int k = 0; k < lk.length; k++) {
        if (a.get(lk[k]) == null || !Objects.equals(a.get(lk[k]), b.get(rk[k]))) {
          return false;
        }
      }
      return !withResidual || (b.get(2) != null && (Long) a.get(2) < (Double) b.get(2));
    };
    List<Object> nullRight = Arrays.asList(null, null, null);
    List<Object> nullLeft = Arrays.asList(null, null, null);
    List<List<Object>> out = new ArrayList<>();
    boolean[] rightUsed = new boolean[r.size()];
    for (List<Object> a : l) {
      boolean any = false;
      for (int j = 0; j < r.size(); j++) {
        if (matches.test(a, r.get(j))) {
          any = true;
          rightUsed[j] = true;
          if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
            out.add(concat(a, r.get(j)));
          }
        }
      }
      if (!any && (kind == JoinKind.LEFT || kind == JoinKind.FULL)) {
        out.add(concat(a, nullRight));
      }
      if ((kind == JoinKind.SEMI && any) || (kind == JoinKind.ANTI && !any)) {
        out.add(a);
      }
    }
    if (kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
      for (int j = 0; j < r.size(); j++) {
        if (!rightUsed[j]) {
          out.add(concat(nullLeft, r.get(j)));
        }
      }
    }
    return out;
  }

  static List<Object> concat(List<Object> a, List<Object> b) {
    List<Object> x = new ArrayList<>(a);
    x.addAll(b);
    return x;
  }

  static List<String> sorted(List<List<Object>> rows) {
    return rows.stream().map(Object::toString).sorted().toList();
  }

  static void check(List<List<Object>> l, List<List<Object>> r, int[] lk, int[] rk, boolean residual, int outBatch) {
    for (JoinKind kind : JoinKind.values()) {
      List<List<Object>> expected = reference(l, r, lk, rk, kind, residual);
      List<List<Object>> actual = join(l, r, lk, rk, kind, residual, 13, 9, outBatch);
      assertEquals(sorted(expected), sorted(actual), kind + (residual ? " with residual" : ""));
    }
  }

  @Test
  void everyKindOnOneKeyWithDuplicatesAndNulls() {
    check(leftRows(120, 1), rightRows(60, 2), new int[] {0}, new int[] {0}, false, 7);
  }

  @Test
  void everyKindOnTwoKeysOfDifferentTypes() {
    check(leftRows(150, 3), rightRows(80, 4), new int[] {0, 1}, new int[] {0, 1}, false, 1000);
  }

  @Test
  void everyKindOnAStringKey() {
    check(leftRows(100, 5), rightRows(30, 6), new int[] {1}, new int[] {1}, false, 16);
  }

  @Test
  void everyKindWithAResidualCondition() {
    check(leftRows(120, 7), rightRows(60, 8), new int[] {0}, new int[] {0}, true, 5);
    check(leftRows(120, 9), rightRows(60, 10), new int[] {0, 1}, new int[] {0, 1}, true, 100);
  }

  @Test
  void everyKindWithAnEmptySide() {
    check(leftRows(50, 11), List.of(), new int[] {0}, new int[] {0}, false, 10);
    check(List.of(), rightRows(50, 12), new int[] {0}, new int[] {0}, false, 10);
    check(List.of(), List.of(), new int[] {0}, new int[] {0}, true, 10);
  }

  @Test
  void innerJoinWithEmptyBuildSideDoesNotReadTheProbeSide() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream left = stream(allocator, LEFT, leftRows(50, 13), 10);
      ListStream right = stream(allocator, RIGHT, List.of(), 10);
      HashJoinNode node = new HashJoinNode(new ValuesNode(LEFT, List.of()), new ValuesNode(RIGHT, List.of()),
          new int[] {0}, new int[] {0}, JoinKind.INNER, null, outputSchema(JoinKind.INNER));
      assertEquals(List.of(), drain(new HashJoinOperator(left, right, node, ctx(allocator, 10))));
      assertEquals(0, left.pulled);
    }
  }

  @Test
  void manyMatchesPerRowAreCutIntoBatches() {
    List<List<Object>> l = new ArrayList<>();
    List<List<Object>> r = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      l.add(row(1L, "a", (long) i));
      r.add(row(1L, "a", (double) i));
    }
    List<List<Object>> out = join(l, r, new int[] {0}, new int[] {0}, JoinKind.INNER, false, 30, 30, 64);
    assertEquals(900, out.size());
    assertEquals(sorted(reference(l, r, new int[] {0}, new int[] {0}, JoinKind.INNER, false)), sorted(out));
  }
}
