package io.quiver.planner.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.planner.PlanPrinter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Scans feed dictionary-encoded strings only to an aggregate directly above them, and only VARCHARs. */
class DictionaryScansTest {
  private static final ArrowType LONG = new ArrowType.Int(64, true);
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  /** Source columns: a BIGINT, b VARCHAR, c VARCHAR, d VARCHAR. */
  private static final Schema SOURCE = new Schema(List.of(Field.nullable("a", LONG), Field.nullable("b", UTF8),
      Field.nullable("c", UTF8), Field.nullable("d", UTF8)));

  /** A scan of columns c, a, b (in that order). */
  private static ScanNode scan() {
    return new ScanNode("read_parquet", Map.of("path", "f"), SOURCE, new int[] {2, 0, 1}, List.of(), -1);
  }

  private static Schema out(int fields) {
    List<Field> f = new java.util.ArrayList<>();
    for (int i = 0; i < fields; i++) {
      f.add(Field.nullable("o" + i, UTF8));
    }
    return new Schema(f);
  }

  @Test
  void partialAggregateReadsItsStringKeysAndArgumentsEncoded() {
    AggregateNode partial = new AggregateNode(scan(), new int[] {0, 1}, List.of(new AggCall(AggCall.MIN, 2, UTF8, "m"),
        new AggCall(AggCall.SUM, 1, LONG, "s")), out(4), AggregateNode.Phase.PARTIAL);
    PhysicalNode plan = new AggregateNode(new GatherNode(partial, 2), new int[] {0, 1}, List.of(), out(4),
        AggregateNode.Phase.FINAL);
    PhysicalNode rewritten = DictionaryScans.apply(plan);
    ScanNode s = (ScanNode) ((AggregateNode) ((GatherNode) rewritten.inputs().get(0)).input()).input();
    assertEquals(Set.of(2, 1), s.dictionaryColumns()); // c (key) and b (MIN argument); a is a number
    assertEquals("Scan read_parquet(path => 'f') columns=[c (dictionary), a, b (dictionary)]", PlanPrinter.lines(s).get(0));
  }

  @Test
  void singleAggregateOverAScanAlsoFires() {
    PhysicalNode plan = new AggregateNode(scan(), new int[] {0}, List.of(new AggCall(AggCall.COUNT_STAR, -1, LONG, "n")),
        out(2));
    ScanNode s = (ScanNode) DictionaryScans.apply(plan).inputs().get(0);
    assertEquals(Set.of(2), s.dictionaryColumns());
  }

  @Test
  void throughAFilterOnlyColumnsTheConditionDoesNotEvaluate() {
    // Scan columns: c, a, b. The condition reads b; the aggregate groups by c and takes MIN(b).
    FilterNode filter = new FilterNode(scan(), new ColumnRef(2, ArrowType.Bool.INSTANCE));
    PhysicalNode plan = new AggregateNode(filter, new int[] {0}, List.of(new AggCall(AggCall.MIN, 2, UTF8, "m")),
        out(2), AggregateNode.Phase.PARTIAL);
    FilterNode f = (FilterNode) DictionaryScans.apply(plan).inputs().get(0);
    assertEquals(filter.condition(), f.condition());
    assertEquals(Set.of(2), ((ScanNode) f.input()).dictionaryColumns()); // c only, not b
    PhysicalNode onKey = new AggregateNode(new FilterNode(scan(), new ColumnRef(0, ArrowType.Bool.INSTANCE)),
        new int[] {0}, List.of(), out(1));
    assertSame(onKey, DictionaryScans.apply(onKey));
  }

  @Test
  void otherConsumersKeepPlainStrings() {
    ScanNode scan = scan();
    PhysicalNode overProject = new AggregateNode(new ProjectNode(scan, List.of(new ColumnRef(0, UTF8)), out(1)),
        new int[] {0}, List.of(), out(1));
    assertSame(overProject, DictionaryScans.apply(overProject));
    PhysicalNode numbersOnly = new AggregateNode(scan, new int[] {1}, List.of(), out(1));
    assertSame(numbersOnly, DictionaryScans.apply(numbersOnly));
    assertEquals("Scan read_parquet(path => 'f') columns=[c, a, b]", PlanPrinter.lines(scan).get(0));
  }
}
