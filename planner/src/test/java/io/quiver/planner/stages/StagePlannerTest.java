package io.quiver.planner.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.StageInputNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UnionNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.sink.CopySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class StagePlannerTest {
  static final ArrowType LONG = new ArrowType.Int(64, true);
  static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  static final Schema TWO = new Schema(List.of(Field.nullable("id", LONG), Field.nullable("k", new ArrowType.Utf8())));

  private static ScanNode scan(String file) {
    return new ScanNode("read_parquet", Map.of("path", file), TWO, new int[] {0, 1}, List.of(), -1, Set.of(1));
  }

  private static StagePlanner planner() {
    return new StagePlanner(3, 4, 99, name -> name.equals("t") ? 2 : null, 1);
  }

  @Test
  void outerJoinHashesBothSidesOnTheirKeys() {
    PhysicalNode left = new GatherNode(scan("a"), 2);
    PhysicalNode right = new GatherNode(scan("b"), 2);
    List<Field> fields = new ArrayList<>(TWO.getFields());
    fields.addAll(TWO.getFields());
    HashJoinNode join = new HashJoinNode(left, right, new int[] {0}, new int[] {0}, JoinKind.FULL, null, new Schema(fields));
    StagePlan plan = planner().plan(join);
    assertEquals(3, plan.stages().size());
    Stage l = plan.stage(1);
    Stage r = plan.stage(2);
    assertEquals(3, l.taskCount(), "leaf stages have one task per slot");
    assertEquals(Partitioning.Kind.HASH, l.output().kind());
    assertEquals(4, l.output().count());
    assertEquals(4, r.output().count());
    Stage j = plan.stage(3);
    assertEquals(4, j.taskCount(), "one join task per hash partition");
    assertEquals(List.of(1, 2), j.inputs());
    assertInstanceOf(HashJoinNode.class, j.fragment());
    assertEquals(Partitioning.Kind.SINGLE, j.output().kind(), "the join tasks' outputs are gathered in task order");
    assertEquals(new StageInputNode(3, join.schema()), plan.top());
    // Blocks cross processes: no dictionary-encoded strings in what a stage writes.
    assertTrue(((ScanNode) ((GatherNode) l.fragment()).input()).dictionaryColumns().isEmpty());
  }

  @Test
  void aggregateWithoutKeysMergesOnTheCoordinator() {
    Schema out = new Schema(List.of(Field.nullable("n", LONG), Field.nullable("a", DOUBLE)));
    AggregateNode partial = new AggregateNode(scan("a"), new int[0], List.of(new AggCall(AggCall.COUNT_STAR, -1, LONG, "n"),
        new AggCall(AggCall.AVG, 0, DOUBLE, "a")), out, AggregateNode.Phase.PARTIAL);
    AggregateNode fin = new AggregateNode(new GatherNode(partial, 2), new int[0], List.of(new AggCall(AggCall.COUNT_STAR, 0, LONG, "n"),
        new AggCall(AggCall.AVG, 1, DOUBLE, "a")), out, AggregateNode.Phase.FINAL);
    StagePlan plan = planner().plan(fin);
    assertEquals(1, plan.stages().size());
    assertEquals(Partitioning.Kind.SINGLE, plan.stage(1).output().kind());
    // count merges as a sum, AVG travels as sum and count and is divided at the end
    ProjectNode top = assertInstanceOf(ProjectNode.class, plan.top());
    AggregateNode merge = assertInstanceOf(AggregateNode.class, top.input());
    assertEquals(List.of(AggCall.SUM, AggCall.SUM, AggCall.SUM), merge.aggregates().stream().map(AggCall::function).toList());
    assertEquals(Functions.DIVIDE, ((Call) top.exprs().get(1)).function());
    assertEquals(new ColumnRef(0, LONG), top.exprs().get(0));
  }

  @Test
  void unionGathersEachInputAndValuesStayOnTheCoordinator() {
    ValuesNode values = new ValuesNode(TWO, List.of(List.of(1L, "x")));
    UnionNode union = new UnionNode(List.of(new GatherNode(scan("a"), 2), values), TWO);
    StagePlan plan = planner().plan(new SortNode(union, List.of(new SortKey(0, false, false)), 0, -1));
    assertEquals(1, plan.stages().size());
    SortNode sort = assertInstanceOf(SortNode.class, plan.top());
    UnionNode u = assertInstanceOf(UnionNode.class, sort.input());
    assertEquals(List.of(new StageInputNode(1, TWO), values), u.inputs());
  }

  @Test
  void aStoredTableIsReadBlockByBlockAndATableQueryEndsInAStage() {
    TableScanNode t = new TableScanNode("t", TWO, new int[] {1});
    StagePlan plan = planner().planTable(t);
    Stage table = plan.stage(1);
    assertTrue(table.isTable());
    assertEquals(2, table.taskCount());
    Stage copy = plan.stage(2);
    assertEquals(2, copy.taskCount(), "one task per block of the table");
    assertInstanceOf(ProjectNode.class, copy.fragment());
    assertEquals(new StageInputNode(2, copy.fragment().schema()), plan.top());
  }

  @Test
  void aCopyIsWrittenByTheLastWorkerStageUnlessTheQueryEndsOnTheCoordinator() {
    CopySpec spec = CopySpec.of("/out", CopySpec.Format.PARQUET);
    StagePlan plan = planner().planWrite(new GatherNode(scan("a"), 2), rows -> new CopyWriteNode(rows, spec, "3f2a9c1e"));
    assertEquals(1, plan.stages().size());
    Stage write = plan.stage(1);
    assertEquals(3, write.taskCount(), "every leaf task writes its share");
    CopyWriteNode node = assertInstanceOf(CopyWriteNode.class, write.fragment());
    assertTrue(((ScanNode) ((GatherNode) node.input()).input()).dictionaryColumns().isEmpty(), "plain strings");
    assertEquals(Partitioning.Kind.SINGLE, write.output().kind());
    assertEquals(new StageInputNode(1, CopyWriteNode.SCHEMA), plan.top(), "the coordinator gathers the staged files");

    // A join's tasks write their partitions.
    List<Field> fields = new ArrayList<>(TWO.getFields());
    fields.addAll(TWO.getFields());
    HashJoinNode join = new HashJoinNode(new GatherNode(scan("a"), 2), new GatherNode(scan("b"), 2), new int[] {0},
        new int[] {0}, JoinKind.INNER, null, new Schema(fields));
    StagePlan joined = planner().planWrite(join, rows -> new CopyWriteNode(rows, spec, "3f2a9c1e"));
    assertEquals(4, joined.stage(3).taskCount());
    assertInstanceOf(HashJoinNode.class, assertInstanceOf(CopyWriteNode.class, joined.stage(3).fragment()).input());

    // A global ORDER BY ends on the coordinator in one copy: it writes, in order.
    SortNode sorted = new SortNode(new GatherNode(scan("a"), 2), List.of(new SortKey(0, false, false)), 0, -1);
    assertNull(planner().planWrite(sorted, rows -> new CopyWriteNode(rows, spec, "3f2a9c1e")));
  }
}
