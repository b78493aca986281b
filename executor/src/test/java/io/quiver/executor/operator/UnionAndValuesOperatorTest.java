package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.ValuesNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class UnionAndValuesOperatorTest {
  static final Schema ALL_TYPES = schema("i64", INT64, "i32", INT32, "i16", INT16, "f8", FLOAT8, "f4", FLOAT4,
      "s", UTF8, "b", BOOL, "dt", DATE, "ts", TIMESTAMP, "bin", BINARY);

  static List<List<Object>> allTypeRows() {
    return List.of(
        row(1L, 2L, 3L, 1.5, 2.5, "é", true, 19000, 1_700_000_000_000_000L, new byte[] {1, 2}),
        row(null, null, null, null, null, null, null, null, null, null),
        row(-9L, -8L, -7L, -0.25, 0.5, "", false, -1, 0L, new byte[] {}));
  }

  @Test
  void valuesProducesEveryTypeInBatches() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ValuesOperator op = new ValuesOperator(new ValuesNode(ALL_TYPES, allTypeRows()), ctx(allocator, 2));
      List<Integer> sizes = new ArrayList<>();
      List<List<Object>> out = new ArrayList<>();
      try (op) {
        VectorSchemaRoot batch;
        while ((batch = op.next()) != null) {
          try (VectorSchemaRoot b = batch) {
            sizes.add(b.getRowCount());
            assertEquals(ALL_TYPES, b.getSchema());
            out.addAll(rows(b));
          }
        }
      }
      assertEquals(List.of(2, 1), sizes);
      List<List<Object>> expected = allTypeRows();
      for (int r = 0; r < expected.size(); r++) {
        for (int c = 0; c < ALL_TYPES.getFields().size(); c++) {
          Object e = expected.get(r).get(c);
          Object a = out.get(r).get(c);
          if (e instanceof byte[] eb) {
            assertArrayEquals(eb, (byte[]) a);
          } else {
            assertEquals(e, a, "row " + r + " column " + ALL_TYPES.getFields().get(c).getName());
          }
        }
      }
    }
  }

  @Test
  void valuesWithoutColumnsStillHasRows() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ValuesNode node = new ValuesNode(new Schema(List.of()), List.of(List.of()));
      ValuesOperator op = new ValuesOperator(node, ctx(allocator, 10));
      try (VectorSchemaRoot b = op.next()) {
        assertEquals(1, b.getRowCount());
      }
      assertNull(op.next());
    }
  }

  @Test
  void valuesWithNoRowsIsEmpty() {
    try (BufferAllocator allocator = new RootAllocator()) {
      assertEquals(List.of(), drain(new ValuesOperator(new ValuesNode(ALL_TYPES, List.of()), ctx(allocator, 10))));
    }
  }

  @Test
  void valuesRejectsAValueOfTheWrongKind() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ValuesNode node = new ValuesNode(schema("n", INT64), List.of(row("x")));
      QuiverException e = assertThrows(QuiverException.class, () -> new ValuesOperator(node, ctx(allocator, 10)).next());
      assertTrue(e.getMessage().contains("'n'"), e.getMessage());
    }
  }

  @Test
  void unionConcatenatesInputsInOrderAndRenamesColumns() {
    Schema in = schema("a", INT64, "b", UTF8);
    Schema out = schema("x", INT64, "y", UTF8);
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream first = stream(allocator, in, List.of(row(1L, "p"), row(2L, null), row(3L, "r")), 2);
      ListStream empty = stream(allocator, in, List.of(), 2);
      ListStream second = stream(allocator, in, List.of(row(null, "s")), 2);
      UnionOperator union = new UnionOperator(List.of(first, empty, second), out);
      List<List<Object>> rows = new ArrayList<>();
      try (union) {
        VectorSchemaRoot batch;
        while ((batch = union.next()) != null) {
          try (VectorSchemaRoot b = batch) {
            assertEquals(List.of("x", "y"), b.getSchema().getFields().stream().map(Field::getName).toList());
            assertEquals("x", b.getVector(0).getName());
            rows.addAll(rows(b));
          }
        }
        assertTrue(first.closed && empty.closed, "drained inputs are closed right away");
      }
      assertEquals(List.of(row(1L, "p"), row(2L, null), row(3L, "r"), row(null, "s")), rows);
      assertTrue(second.closed);
    }
  }

  @Test
  void closingUnionEarlyClosesEveryInput() {
    Schema in = schema("a", INT64);
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream first = stream(allocator, in, List.of(row(1L), row(2L)), 1);
      ListStream second = stream(allocator, in, List.of(row(3L)), 1);
      UnionOperator union = new UnionOperator(List.of(first, second), in);
      union.next().close();
      union.close();
      assertTrue(first.closed && second.closed);
    }
  }
}
