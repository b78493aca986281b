package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class LimitOperatorTest {
  static final Schema INPUT = schema("id", INT64, "s", UTF8);

  static List<List<Object>> rows(int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row((long) i, i % 3 == 0 ? null : "v" + i));
    }
    return rows;
  }

  @Test
  void slicesAcrossBatchBoundaries() {
    List<List<Object>> data = rows(100);
    long[][] cases = {{0, 15}, {15, 10}, {13, 1}, {0, 100}, {95, 20}, {100, 3}, {250, 3}, {0, -1}, {42, -1}};
    for (long[] c : cases) {
      try (BufferAllocator allocator = new RootAllocator()) {
        ListStream in = stream(allocator, INPUT, data, 10);
        List<List<Object>> out = drain(new LimitOperator(in, c[0], c[1]));
        int from = (int) Math.min(c[0], 100);
        int to = c[1] < 0 ? 100 : (int) Math.min(100, c[0] + c[1]);
        assertEquals(data.subList(from, to), out, "offset " + c[0] + " fetch " + c[1]);
        assertTrue(in.closed);
      }
    }
  }

  @Test
  void closesItsInputAsSoonAsTheLastRowIsOut() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream in = stream(allocator, INPUT, rows(100), 10);
      LimitOperator limit = new LimitOperator(in, 5, 10);
      try (VectorSchemaRoot first = limit.next()) {
        assertEquals(5, first.getRowCount());
      }
      assertFalse(in.closed);
      try (VectorSchemaRoot second = limit.next()) {
        assertEquals(5, second.getRowCount());
        assertEquals(List.of(10L, "v10"), TestData.rows(second).get(0));
      }
      assertTrue(in.closed, "input closed before the next pull");
      assertEquals(2, in.pulled);
      assertNull(limit.next());
      assertEquals(2, in.pulled);
      limit.close();
    }
  }

  @Test
  void fetchZeroPullsNothing() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream in = stream(allocator, INPUT, rows(30), 10);
      assertEquals(List.of(), drain(new LimitOperator(in, 0, 0)));
      assertEquals(0, in.pulled);
      assertTrue(in.closed);
    }
  }

  @Test
  void earlyCloseReleasesEverything() {
    try (BufferAllocator allocator = new RootAllocator()) {
      ListStream in = stream(allocator, INPUT, rows(30), 10);
      LimitOperator limit = new LimitOperator(in, 0, 25);
      limit.next().close();
      limit.close();
      assertTrue(in.closed);
    }
  }
}
