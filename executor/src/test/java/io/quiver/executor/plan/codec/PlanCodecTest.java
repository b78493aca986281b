package io.quiver.executor.plan.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.StageInputNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.UnionNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.sink.CopySpec;
import io.quiver.executor.udf.UdfHints;
import io.quiver.executor.udf.UdfSpec;
import io.quiver.udf.tensor.FixedShapeTensorType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  private static final ArrowType I64 = new ArrowType.Int(64, true);
  private static final ArrowType F64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  private static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  private static final FixedShapeTensorType TENSOR = FixedShapeTensorType.float32(28, 28);

  private static final Schema SOURCE = new Schema(List.of(Field.nullable("id", I64), Field.nullable("name", UTF8),
      Field.nullable("x", F64), Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
      Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), TENSOR.field("img", true)));

  /** A plan that uses every node type, every expression kind and every kind of constant. */
  static PhysicalNode everything() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("path", "/data/x.parquet");
    args.put("limit_hint", 10L);
    args.put("ratio", 0.5);
    args.put("recursive", true);
    ScanNode scan = new ScanNode("read_parquet", args, SOURCE, new int[] {0, 1, 2, 5},
        List.of(new Call(Functions.GT, List.of(new ColumnRef(0, I64), new Literal(3L, I64)), BOOL)), 100,
        Set.of(1));
    Expr cond = new Call(Functions.AND, List.of(
        new Call(Functions.EQ, List.of(new ColumnRef(1, UTF8), new Literal("it's", UTF8)), BOOL),
        new Call(Functions.IS_NOT_NULL, List.of(new ColumnRef(2, F64)), BOOL)), BOOL);
    FilterNode filter = new FilterNode(scan, cond);
    UdfHints hints = new UdfHints(100, 1, 4, 1.0, 0.5, 1 << 20, Map.of("tpu", 2.0), 2, UdfHints.OnError.SKIP);
    UdfSpec classify = new UdfSpec("classify", "com.example.Classify", "/jars/m.jar", UdfSpec.Kind.BATCH,
        Map.of("model", "mnist"), hints);
    UdfNode udf = UdfNode.of(filter, classify, new int[] {3}, Field.nullable("label", I64));
    GatherNode gather = new GatherNode(new AggregateNode(udf, new int[] {1},
        List.of(new AggCall(AggCall.COUNT_STAR, -1, I64, "n"), new AggCall(AggCall.SUM, 2, F64, "s")),
        new Schema(List.of(Field.nullable("name", UTF8), Field.nullable("n", I64), Field.nullable("s", F64))),
        AggregateNode.Phase.PARTIAL), 2);
    Schema aggSchema = new Schema(List.of(Field.nullable("name", UTF8), Field.nullable("n", I64),
        Field.nullable("s", F64)));
    AggregateNode fin = new AggregateNode(gather, new int[] {0},
        List.of(new AggCall(AggCall.COUNT_STAR, -1, I64, "n"), new AggCall(AggCall.SUM, 2, F64, "s")), aggSchema,
        AggregateNode.Phase.FINAL);
    UdfSpec udaf = new UdfSpec("my_agg", "com.example.MyAgg", null, UdfSpec.Kind.AGGREGATE, Map.of(),
        new UdfHints(0, 0, 0, 1, 0, 0, Map.of(), 0, UdfHints.OnError.FAIL));
    Schema tableSchema = new Schema(List.of(Field.nullable("name", UTF8), Field.nullable("v", F64)));
    AggregateNode single = new AggregateNode(new TableScanNode("t", tableSchema, new int[] {0, 1}), new int[] {0},
        List.of(AggCall.udaf(udaf, new int[] {1}, F64, "m")),
        new Schema(List.of(Field.nullable("name", UTF8), Field.nullable("m", F64))));
    Schema joined = new Schema(List.of(Field.nullable("name", UTF8), Field.nullable("n", I64), Field.nullable("s", F64),
        Field.nullable("name", UTF8), Field.nullable("m", F64)));
    HashJoinNode join = new HashJoinNode(fin, single, new int[] {0}, new int[] {0}, JoinKind.LEFT,
        new Call(Functions.LT, List.of(new ColumnRef(2, F64), new ColumnRef(4, F64)), BOOL), joined);
    ProjectNode project = new ProjectNode(join, List.of(new ColumnRef(0, UTF8),
        new Call(Functions.ADD, List.of(new ColumnRef(1, I64), new Literal(null, I64)), I64)),
        new Schema(List.of(Field.nullable("name", UTF8), Field.nullable("n1", I64))));
    Schema two = project.schema();
    ValuesNode values = new ValuesNode(two, List.of(Arrays.asList("a", 1L), Arrays.asList(null, null)));
    UnionNode union = new UnionNode(List.of(project, values, new StageInputNode(3, two)), two);
    SortNode sort = new SortNode(union, List.of(new SortKey(1, true, false), new SortKey(0, false, true)), 1, 10);
    return new LimitNode(sort, 0, 5);
  }

  @Test
  void everyNodeTypeRoundTrips() {
    PhysicalNode plan = everything();
    byte[] bytes = PlanCodec.encode(plan);
    PhysicalNode back = PlanCodec.decode(bytes);
    assertNull(PlanEquality.difference(plan, back, "plan"));
    assertArrayEquals(bytes, PlanCodec.encode(back));
  }

  @Test
  void copyWriteNodesRoundTrip() {
    CopySpec spec = new CopySpec("s3://b/out", CopySpec.Format.CSV, List.of("label", "day"), true,
        CopySpec.Compression.GZIP, 1 << 20, 1000, true, false, ';');
    PhysicalNode plan = new CopyWriteNode(new GatherNode(new ScanNode("read_parquet", Map.of("path", "/x"), SOURCE,
        new int[] {0, 1, 3}, List.of(), -1), 1), spec, "3f2a9c1e");
    byte[] bytes = PlanCodec.encode(plan);
    PhysicalNode back = PlanCodec.decode(bytes);
    assertNull(PlanEquality.difference(plan, back, "plan"));
    assertEquals(spec, ((CopyWriteNode) back).spec());
    assertArrayEquals(bytes, PlanCodec.encode(back));
  }

  @Test
  void tensorTypesComeBackAsTheExtensionType() {
    ScanNode scan = (ScanNode) PlanCodec.decode(PlanCodec.encode(
        new ScanNode("read_images", Map.of(), SOURCE, new int[] {5}, List.of(), -1)));
    assertEquals(TENSOR, scan.schema().getFields().get(0).getType());
    assertInstanceOf(FixedShapeTensorType.class, scan.sourceSchema().getFields().get(5).getType());
  }

  @Test
  void constantsOfEveryKindRoundTrip() {
    byte[] bin = {1, 2, 3};
    List<Object> row = Arrays.asList(null, true, 1L, 2, 2.5, "x", bin, new java.math.BigDecimal("1.50"),
        (short) 3, (byte) 4, 1.5f, List.of(1L, 2L), Map.of("k", "v"));
    Schema s = new Schema(List.of(Field.nullable("a", UTF8)));
    ValuesNode v = (ValuesNode) PlanCodec.decode(PlanCodec.encode(new ValuesNode(s, List.of(row))));
    assertNull(PlanEquality.difference(row, v.rows().get(0), "row"));
  }

  @Test
  void jarPathsAreRewrittenOnDecode() {
    UdfNode udf = findUdf(everything());
    PhysicalNode back = PlanCodec.decode(PlanCodec.encode(udf), p -> "/cache/" + p.substring(p.lastIndexOf('/') + 1));
    assertEquals("/cache/m.jar", ((UdfNode) back).function().jar());
  }

  private static UdfNode findUdf(PhysicalNode n) {
    if (n instanceof UdfNode u) {
      return u;
    }
    for (PhysicalNode i : n.inputs()) {
      UdfNode u = findUdf(i);
      if (u != null) {
        return u;
      }
    }
    return null;
  }

  @Test
  void unknownConstantsFailClearly() {
    Schema s = new Schema(List.of(Field.nullable("a", UTF8)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanCodec.encode(new ValuesNode(s, List.of(List.of(new Object())))));
    assertEquals(true, e.getMessage().contains("java.lang.Object"));
  }

  @Test
  void tasksResultsAndWorkersRoundTrip() {
    TaskSpec t = new TaskSpec("q1", 2, 1, 4, 0, everything(), Partitioning.hash(new int[] {0, 1}, 8),
        Map.of(1, List.of(new BlockLocation("w1", new BlockId("q1", 1, 0, 0, 1)),
            new BlockLocation("w2", new BlockId("q1", 1, 1, 2, 1)))),
        Map.of("seed", "42", "threads", "2"));
    TaskSpec back = TaskCodec.decodeTask(TaskCodec.encode(t));
    assertNull(PlanEquality.difference(t, back, "task"));

    TaskResult r = new TaskResult(new long[] {1, 2}, new long[] {100, 200}, "Scan: 3 rows");
    assertNull(PlanEquality.difference(r, TaskCodec.decodeResult(TaskCodec.encode(r)), "result"));

    WorkerInfo w = new WorkerInfo("w1", "127.0.0.1:1234", 2, 0, 8L << 30, Map.of("tpu", 1.0));
    assertEquals(w, TaskCodec.decodeWorker(TaskCodec.encode(w)));
  }

  @Test
  void aNewerFormatIsRefused() {
    byte[] bytes = PlanCodec.encode(everything());
    bytes[3] = 99;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanCodec.decode(bytes));
    assertEquals(true, e.getMessage().contains("same Quiver build"));
  }
}
