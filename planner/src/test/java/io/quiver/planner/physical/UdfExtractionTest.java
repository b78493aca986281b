package io.quiver.planner.physical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.sql.functions.UserFunctionDef;
import io.quiver.sql.functions.UserScalarFunction;
import io.quiver.udf.BatchFunction;
import io.quiver.udf.FunctionContext;
import io.quiver.udf.QuiverFunction;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** UdfExtraction fires on UDF calls (one node per call, innermost first) and leaves other expressions alone. */
class UdfExtractionTest {
  private static final ArrowType LONG = new ArrowType.Int(64, true);
  private static final Schema AB = new Schema(List.of(Field.nullable("a", LONG), Field.nullable("b", LONG)));
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RelDataType bigint = types.createSqlType(SqlTypeName.BIGINT);

  /** A stand-in UDF class; the planner only loads and inspects it. */
  @QuiverFunction(name = "dbl", returnType = "BIGINT")
  public static class Dbl implements BatchFunction {
    @Override
    public FieldVector apply(List<FieldVector> arguments, FunctionContext context) {
      throw new UnsupportedOperationException();
    }
  }

  private UserScalarFunction udf(Map<String, String> with) {
    return new UserScalarFunction(new UserFunctionDef("dbl", Dbl.class.getName(), null, false, with,
        args -> Field.nullable("dbl", LONG), "BIGINT", ""));
  }

  private static ScanNode scan() {
    return new ScanNode("read_parquet", Map.of("path", "f"), AB, new int[] {0, 1}, List.of(), -1);
  }

  @Test
  void nestedCallsBecomeOneNodeEachInnermostFirst() {
    UserScalarFunction dbl = udf(Map.of("concurrency", "2"));
    RexNode a = rex.makeInputRef(bigint, 0);
    RexNode nested = rex.makeCall(dbl, rex.makeCall(dbl, a));
    assertTrue(UdfExtraction.appliesTo(List.of(nested)));
    UdfExtraction.Result r = UdfExtraction.apply(scan(), List.of(nested), rex);
    UdfNode outer = assertInstanceOf(UdfNode.class, r.input());
    UdfNode inner = assertInstanceOf(UdfNode.class, outer.input());
    assertInstanceOf(ScanNode.class, inner.input());
    assertArrayEquals(new int[] {0}, inner.args());
    assertArrayEquals(new int[] {2}, outer.args(), "the outer call reads the inner call's result column");
    assertEquals(4, outer.schema().getFields().size(), "input columns pass through");
    assertEquals(3, ((RexInputRef) r.exprs().get(0)).getIndex());
    assertTrue(outer.function().hints().isPool());
  }

  @Test
  void computedArgumentsGetAProjectionBelowTheCall() {
    RexNode sum = rex.makeCall(SqlStdOperatorTable.PLUS, rex.makeInputRef(bigint, 0), rex.makeInputRef(bigint, 1));
    UdfExtraction.Result r = UdfExtraction.apply(scan(), List.of(rex.makeCall(udf(Map.of()), sum)), rex);
    UdfNode node = (UdfNode) r.input();
    ProjectNode args = assertInstanceOf(ProjectNode.class, node.input());
    assertEquals(3, args.schema().getFields().size());
    assertArrayEquals(new int[] {2}, node.args());
  }

  @Test
  void doesNotFireWithoutUdfCalls() {
    RexNode plain = rex.makeCall(SqlStdOperatorTable.PLUS, rex.makeInputRef(bigint, 0), rex.makeLiteral(1, bigint));
    assertFalse(UdfExtraction.appliesTo(List.of(plain)));
    UdfExtraction.Result r = UdfExtraction.apply(scan(), List.of(plain), rex);
    assertInstanceOf(ScanNode.class, r.input());
    assertSame(plain, r.exprs().get(0));
  }

  @Test
  void statelessCallsRunInsideGathersPoolsAbove() {
    RexNode a = rex.makeInputRef(bigint, 0);
    RexNode call = rex.makeCall(udf(Map.of("concurrency", "2")), rex.makeCall(udf(Map.of()), a));
    PhysicalNode plan = GatherInsertion.apply(UdfExtraction.apply(scan(), List.of(call), rex).input(), 2);
    UdfNode pool = assertInstanceOf(UdfNode.class, plan);
    GatherNode gather = assertInstanceOf(GatherNode.class, pool.input());
    UdfNode stateless = assertInstanceOf(UdfNode.class, gather.input());
    assertFalse(stateless.function().hints().isPool());
  }
}
