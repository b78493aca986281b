package io.quiver.planner.physical;

import static org.junit.jupiter.api.Assertions.*;

import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.planner.PlanPrinter;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class PartialAggregationTest {
  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  static final ArrowType INT64 = new ArrowType.Int(64, true);
  static final Schema INPUT = new Schema(List.of(Field.nullable("k", UTF8), Field.nullable("v", INT64)));
  static final Schema OUTPUT = new Schema(List.of(Field.nullable("k", UTF8), Field.nullable("s", INT64),
      Field.nullable("n", INT64)));
  static final List<AggCall> CALLS = List.of(new AggCall(AggCall.SUM, 1, INT64, "s"),
      new AggCall(AggCall.COUNT_STAR, -1, INT64, "n"));

  static AggregateNode aggregate(PhysicalNode input) {
    return new AggregateNode(input, new int[] {0}, CALLS, OUTPUT);
  }

  @Test
  void firesOnAnAggregateOverAGather() {
    ValuesNode values = new ValuesNode(INPUT, List.of());
    PhysicalNode plan = PartialAggregation.apply(new SortNode(aggregate(new GatherNode(values, 2)),
        List.of(new SortKey(0, false, false)), 0, -1));

    AggregateNode fin = (AggregateNode) plan.inputs().get(0);
    assertEquals(AggregateNode.Phase.FINAL, fin.phase());
    assertArrayEquals(new int[] {0}, fin.groupKeys());
    assertEquals(List.of(1, 2), fin.aggregates().stream().map(AggCall::arg).toList());
    assertEquals(OUTPUT, fin.schema());
    GatherNode gather = (GatherNode) fin.input();
    assertEquals(2, gather.parallelism());
    AggregateNode partial = (AggregateNode) gather.input();
    assertEquals(AggregateNode.Phase.PARTIAL, partial.phase());
    assertSame(values, partial.input());
    assertEquals(CALLS, partial.aggregates());
    assertEquals(List.of(
        "Sort [k ASC NULLS LAST]",
        "  HashAggregate(final) keys=[k] merges partial states of [s, n]",
        "    Gather parallelism=2 (one partial aggregate per worker, splits round-robin)",
        "      HashAggregate(partial) keys=[k] aggregates=[s := sum(v), n := count_star(*)]",
        "        Values rows=0"), PlanPrinter.lines(plan));
  }

  @Test
  void doesNotFireWithoutAGatherDirectlyBelow() {
    ValuesNode values = new ValuesNode(INPUT, List.of());
    AggregateNode overValues = aggregate(values);
    assertSame(overValues, PartialAggregation.apply(overValues));
    AggregateNode overFilter = aggregate(new FilterNode(new GatherNode(values, 2), new ColumnRef(0, UTF8)));
    PhysicalNode out = PartialAggregation.apply(overFilter);
    assertEquals(AggregateNode.Phase.SINGLE, ((AggregateNode) out).phase());
    assertInstanceOf(FilterNode.class, out.inputs().get(0));
  }

  @Test
  void isIdempotent() {
    PhysicalNode once = PartialAggregation.apply(aggregate(new GatherNode(new ValuesNode(INPUT, List.of()), 2)));
    assertSame(once, PartialAggregation.apply(once));
  }
}
