package io.quiver.executor.operator;

import static io.quiver.executor.operator.TestData.*;
import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.ValuesNode;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Tensor columns (an Arrow extension type) ride along through sort, join and aggregation. */
class TensorPayloadTest {
  static final Schema IN = schema("k", INT64, "t", TENSOR2);

  static List<List<Object>> data() {
    return List.of(row(2L, new float[] {2, 20}), row(1L, null), row(3L, new float[] {3, 30}),
        row(1L, new float[] {1, 10}), row(2L, new float[] {2.5f, 25}));
  }

  @Test
  void sortCarriesTensors() {
    try (BufferAllocator allocator = new RootAllocator()) {
      SortNode node = new SortNode(new ValuesNode(IN, List.of()), List.of(new SortKey(0, true, false)), 0, -1);
      List<List<Object>> out = drain(new SortOperator(stream(allocator, IN, data(), 2), node, ctx(allocator, 3)));
      assertEquals(List.of(row(3L, "[3.0,30.0]"), row(2L, "[2.0,20.0]"), row(2L, "[2.5,25.0]"), row(1L, null),
          row(1L, "[1.0,10.0]")), out);
    }
  }

  @Test
  void leftJoinCarriesTensorsAndNullsThem() {
    Schema left = schema("id", INT64);
    Schema out = new Schema(List.of(field("id", INT64), field("k", INT64), field("t", TENSOR2)));
    try (BufferAllocator allocator = new RootAllocator()) {
      HashJoinNode node = new HashJoinNode(new ValuesNode(left, List.of()), new ValuesNode(IN, List.of()),
          new int[] {0}, new int[] {0}, JoinKind.FULL, null, out);
      List<List<Object>> rows = drain(new HashJoinOperator(stream(allocator, left, List.of(row(3L), row(9L)), 1),
          stream(allocator, IN, data(), 2), node, ctx(allocator, 10)));
      assertEquals(List.of(row(3L, 3L, "[3.0,30.0]"), row(9L, null, null), row(null, 2L, "[2.0,20.0]"),
          row(null, 1L, null), row(null, 1L, "[1.0,10.0]"), row(null, 2L, "[2.5,25.0]")), rows);
    }
  }

  @Test
  void anyValueOfATensorPerGroup() {
    Schema out = new Schema(List.of(field("k", INT64), field("t", TENSOR2), field("n", INT64)));
    try (BufferAllocator allocator = new RootAllocator()) {
      AggregateNode node = new AggregateNode(new ValuesNode(IN, List.of()), new int[] {0},
          List.of(new AggCall(AggCall.ANY_VALUE, 1, TENSOR2, "t"), new AggCall(AggCall.COUNT, 1, INT64, "n")), out);
      List<List<Object>> rows = drain(new HashAggregateOperator(stream(allocator, IN, data(), 2), node, ctx(allocator, 10)));
      assertEquals(List.of(row(2L, "[2.0,20.0]", 2L), row(1L, "[1.0,10.0]", 1L), row(3L, "[3.0,30.0]", 1L)), rows);
    }
  }
}
