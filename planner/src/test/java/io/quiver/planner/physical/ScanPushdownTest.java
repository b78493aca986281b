package io.quiver.planner.physical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Each physical rewrite fires where it should and leaves other plans alone. */
class ScanPushdownTest {
  private static final ArrowType LONG = new ArrowType.Int(64, true);
  private static final Schema ABC = new Schema(List.of(Field.nullable("a", LONG), Field.nullable("b", LONG),
      Field.nullable("c", ArrowType.Utf8.INSTANCE)));

  private static ScanNode scan() {
    return new ScanNode("read_parquet", Map.of("path", "f"), ABC, new int[] {0, 1, 2}, List.of(), -1);
  }

  private static Expr gt(int col, long v) {
    return new Call(Functions.GT, List.of(new ColumnRef(col, LONG), new Literal(v, LONG)), ArrowType.Bool.INSTANCE);
  }

  @Test
  void projectOverFilterReadsOnlyUsedColumnsAndPushesTheFilter() {
    Expr cond = gt(1, 5);
    PhysicalNode plan = new ProjectNode(new FilterNode(scan(), cond), List.of(new ColumnRef(2, ArrowType.Utf8.INSTANCE)),
        new Schema(List.of(Field.nullable("c", ArrowType.Utf8.INSTANCE))));
    ProjectNode p = (ProjectNode) ScanPushdown.apply(plan);
    FilterNode f = (FilterNode) p.input();
    ScanNode s = (ScanNode) f.input();
    assertArrayEquals(new int[] {1, 2}, s.projection());
    assertEquals(List.of(cond), s.filters()); // over the source schema
    assertEquals(gt(0, 5), f.condition()); // over the narrowed scan
    assertEquals(List.of(new ColumnRef(1, ArrowType.Utf8.INSTANCE)), p.exprs());
  }

  @Test
  void aggregateReadsOnlyKeysAndArguments() {
    AggregateNode agg = new AggregateNode(scan(), new int[] {2}, List.of(new AggCall(AggCall.SUM, 1, LONG, "s"),
        new AggCall(AggCall.COUNT_STAR, -1, LONG, "n")), new Schema(List.of()));
    AggregateNode out = (AggregateNode) ScanPushdown.apply(agg);
    assertArrayEquals(new int[] {1, 2}, ((ScanNode) out.input()).projection());
    assertArrayEquals(new int[] {1}, out.groupKeys());
    assertEquals(0, out.aggregates().get(0).arg());
    assertEquals(-1, out.aggregates().get(1).arg());
  }

  @Test
  void countStarReadsNoColumns() {
    AggregateNode agg = new AggregateNode(scan(), new int[0], List.of(new AggCall(AggCall.COUNT_STAR, -1, LONG, "n")),
        new Schema(List.of()));
    assertArrayEquals(new int[0], ((ScanNode) ((AggregateNode) ScanPushdown.apply(agg)).input()).projection());
  }

  @Test
  void limitBecomesAScanHintOnlyWithoutFilters() {
    LimitNode limited = (LimitNode) ScanPushdown.apply(new LimitNode(scan(), 2, 3));
    assertEquals(5, ((ScanNode) limited.input()).limit());
    LimitNode filtered = (LimitNode) ScanPushdown.apply(new LimitNode(new FilterNode(scan(), gt(0, 1)), 0, 3));
    assertEquals(-1, ((ScanNode) ((FilterNode) filtered.input()).input()).limit());
  }

  @Test
  void randomProjectionsDoNotTakeALimitHint() {
    Expr random = new Call(Functions.RANDOM, List.of(), new ArrowType.FloatingPoint(
        org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE));
    PhysicalNode plan = new LimitNode(new ProjectNode(scan(), List.of(random), new Schema(List.of())), 0, 3);
    ProjectNode p = (ProjectNode) ((LimitNode) ScanPushdown.apply(plan)).input();
    assertEquals(-1, ((ScanNode) p.input()).limit());
  }

  @Test
  void sortIsNotRewrittenButItsScanIs() {
    SortNode sort = new SortNode(scan(), List.of(new SortKey(0, false, false)), 0, 10);
    PhysicalNode out = ScanPushdown.apply(sort);
    assertSame(sort, out);
  }

  @Test
  void gathersWrapScanChainsOnly() {
    PhysicalNode chain = new FilterNode(scan(), gt(0, 1));
    PhysicalNode sorted = new SortNode(chain, List.of(new SortKey(0, false, false)), 0, -1);
    SortNode out = (SortNode) GatherInsertion.apply(sorted, 2);
    assertInstanceOf(GatherNode.class, out.input());
    assertSame(chain, out.input().inputs().get(0));
    assertSame(sorted, GatherInsertion.apply(sorted, 1));
  }
}
