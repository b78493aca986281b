package io.quiver.planner.physical;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UnionNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.planner.rex.Literals;
import io.quiver.planner.rex.RexToExpr;
import io.quiver.sql.catalog.MaterializedTable;
import io.quiver.sql.functions.QuiverTableFunction;
import io.quiver.sql.functions.TableSchemaResolver;
import io.quiver.sql.types.TypeMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.quiver.executor.expr.ColumnRef;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Converts optimized relational algebra into the executor's physical plan, one RelNode at a time.
 * Every scan reads all columns here; {@link ScanPushdown} narrows them afterwards.
 */
public final class RelToPhysical {
  private final TableSchemaResolver schemas;

  public RelToPhysical(TableSchemaResolver schemas) {
    this.schemas = schemas;
  }

  public PhysicalNode convert(RelNode rel) {
    if (rel instanceof TableFunctionScan scan) {
      return tableFunction(scan);
    }
    if (rel instanceof TableScan scan) {
      MaterializedTable table = scan.getTable().unwrap(MaterializedTable.class);
      if (table == null) {
        throw new QuiverException("Unknown table " + scan.getTable().getQualifiedName() + ".");
      }
      Schema s = table.arrowSchema();
      return new TableScanNode(table.name(), s, allColumns(s));
    }
    if (rel instanceof Filter f) {
      return filter(f);
    }
    if (rel instanceof Project p) {
      return project(p);
    }
    if (rel instanceof Aggregate a) {
      return aggregate(a);
    }
    if (rel instanceof Sort s) {
      return sort(s);
    }
    if (rel instanceof Join j) {
      return join(j);
    }
    if (rel instanceof Union u) {
      return union(u);
    }
    if (rel instanceof Values v) {
      return values(v);
    }
    throw new QuiverException("This query needs " + rel.getRelTypeName()
        + ", which Quiver does not support yet (e.g. correlated sub-queries that cannot be flattened).");
  }

  private RexToExpr rex(PhysicalNode input) {
    return new RexToExpr(input.schema(), null);
  }

  private RexToExpr rex(PhysicalNode input, RelNode rel) {
    return new RexToExpr(input.schema(), rel.getCluster().getRexBuilder());
  }

  private PhysicalNode tableFunction(TableFunctionScan scan) {
    RexCall call = (RexCall) scan.getCall();
    if (!(call.getOperator() instanceof QuiverTableFunction f)) {
      throw new QuiverException("Unknown table function " + call.getOperator().getName() + ".");
    }
    Map<String, Object> args = f.argsOf(call);
    Schema s = schemas.schemaOf(f.getName(), args);
    return new ScanNode(f.getName(), args, s, allColumns(s), List.of(), -1);
  }

  private PhysicalNode filter(Filter f) {
    PhysicalNode input = convert(f.getInput());
    if (!UdfExtraction.appliesTo(List.of(f.getCondition()))) {
      return new FilterNode(input, rex(input).convert(f.getCondition()));
    }
    UdfExtraction.Result x = UdfExtraction.apply(input, List.of(f.getCondition()), f.getCluster().getRexBuilder());
    FilterNode filtered = new FilterNode(x.input(), rex(x.input()).convert(x.exprs().get(0)));
    List<Expr> keep = new ArrayList<>(); // drop the UDF result columns again
    for (int c = 0; c < input.schema().getFields().size(); c++) {
      keep.add(new ColumnRef(c, input.schema().getFields().get(c).getType()));
    }
    return new ProjectNode(filtered, keep, input.schema());
  }

  private PhysicalNode project(Project p) {
    PhysicalNode input = convert(p.getInput());
    List<RexNode> projects = p.getProjects();
    if (UdfExtraction.appliesTo(projects)) {
      UdfExtraction.Result x = UdfExtraction.apply(input, projects, p.getCluster().getRexBuilder());
      input = x.input();
      projects = x.exprs();
    }
    RexToExpr rex = rex(input, p);
    List<Expr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<RelDataTypeField> out = p.getRowType().getFieldList();
    for (int i = 0; i < projects.size(); i++) {
      RexNode node = projects.get(i);
      Expr e = rex.convert(node);
      exprs.add(e);
      fields.add(outputField(out.get(i).getName(), e, input.schema(), out.get(i)));
    }
    return new ProjectNode(input, exprs, new Schema(fields));
  }

  /** A pass-through column keeps its input field (tensor shape and all); computed ones get the SQL type. */
  static Field outputField(String name, Expr e, Schema input, RelDataTypeField sqlField) {
    if (e instanceof ColumnRef ref) {
      Field f = input.getFields().get(ref.index());
      return new Field(name, f.getFieldType(), f.getChildren());
    }
    Field f = TypeMapping.toArrowField(name, sqlField.getType());
    if (!f.getType().equals(e.type()) && !(e.type() instanceof ArrowType.Null)) {
      return new Field(name, new FieldType(true, e.type(), null), f.getChildren());
    }
    return f;
  }

  private PhysicalNode aggregate(Aggregate a) {
    if (a.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new QuiverException("GROUPING SETS, ROLLUP and CUBE are not supported yet.");
    }
    PhysicalNode input = convert(a.getInput());
    int[] keys = a.getGroupSet().toArray();
    List<Field> fields = new ArrayList<>();
    List<RelDataTypeField> out = a.getRowType().getFieldList();
    for (int i = 0; i < keys.length; i++) {
      Field f = input.schema().getFields().get(keys[i]);
      fields.add(new Field(out.get(i).getName(), f.getFieldType(), f.getChildren()));
    }
    List<AggCall> calls = new ArrayList<>();
    for (int i = 0; i < a.getAggCallList().size(); i++) {
      AggregateCall c = a.getAggCallList().get(i);
      RelDataTypeField of = out.get(keys.length + i);
      AggCall call = AggCalls.convert(c, of.getName(), TypeMapping.toArrow(of.getType()));
      calls.add(call);
      fields.add(TypeMapping.toArrowField(of.getName(), of.getType()));
    }
    return new AggregateNode(input, keys, calls, new Schema(fields));
  }

  private PhysicalNode sort(Sort s) {
    PhysicalNode input = convert(s.getInput());
    long offset = s.offset == null ? 0 : longValue(s.offset);
    long fetch = s.fetch == null ? -1 : longValue(s.fetch);
    List<RelFieldCollation> collations = s.getCollation().getFieldCollations();
    if (collations.isEmpty()) {
      return offset == 0 && fetch < 0 ? input : new LimitNode(input, offset, fetch);
    }
    List<SortKey> keys = new ArrayList<>();
    for (RelFieldCollation c : collations) {
      boolean desc = c.getDirection().isDescending();
      boolean nullsFirst = c.nullDirection == RelFieldCollation.NullDirection.FIRST;
      keys.add(new SortKey(c.getFieldIndex(), desc, nullsFirst));
    }
    return new SortNode(input, keys, offset, fetch);
  }

  private static long longValue(RexNode n) {
    if (n instanceof RexLiteral lit) {
      return lit.getValueAs(BigDecimal.class).longValueExact();
    }
    throw new QuiverException("LIMIT and OFFSET must be constants.");
  }

  private PhysicalNode join(Join j) {
    PhysicalNode left = convert(j.getLeft());
    PhysicalNode right = convert(j.getRight());
    JoinInfo info = j.analyzeCondition();
    List<Field> both = new ArrayList<>(left.schema().getFields());
    both.addAll(right.schema().getFields());
    Schema combined = new Schema(both);
    Expr residual = info.nonEquiConditions.isEmpty() ? null
        : new RexToExpr(combined, j.getCluster().getRexBuilder())
            .convert(RexUtil.composeConjunction(j.getCluster().getRexBuilder(), info.nonEquiConditions));
    JoinKind kind = switch (j.getJoinType()) {
      case INNER -> JoinKind.INNER;
      case LEFT -> JoinKind.LEFT;
      case RIGHT -> JoinKind.RIGHT;
      case FULL -> JoinKind.FULL;
      case SEMI -> JoinKind.SEMI;
      case ANTI -> JoinKind.ANTI;
      default -> throw new QuiverException("Join type " + j.getJoinType() + " is not supported yet.");
    };
    // Key columns of different types (INT = BIGINT) are brought to a common type on both sides.
    int[] lk = info.leftKeys.toIntArray();
    int[] rk = info.rightKeys.toIntArray();
    PhysicalNode[] sides = KeyCasts.align(left, right, lk, rk);
    List<Field> fields = new ArrayList<>();
    List<RelDataTypeField> out = j.getRowType().getFieldList();
    List<Field> inputFields = new ArrayList<>(sides[0].schema().getFields());
    if (kind != JoinKind.SEMI && kind != JoinKind.ANTI) {
      inputFields.addAll(sides[1].schema().getFields());
    }
    for (int i = 0; i < out.size(); i++) {
      Field f = inputFields.get(i);
      boolean nullable = f.isNullable() || out.get(i).getType().isNullable();
      fields.add(new Field(out.get(i).getName(),
          new FieldType(nullable, f.getType(), f.getDictionary(), f.getMetadata()),
          f.getChildren()));
    }
    return new HashJoinNode(sides[0], sides[1], lk, rk, kind, residual, new Schema(fields));
  }

  private PhysicalNode union(Union u) {
    if (!u.all) {
      throw new QuiverException("UNION without ALL should have been rewritten; please report this query.");
    }
    List<RelDataTypeField> out = u.getRowType().getFieldList();
    List<PhysicalNode> inputs = new ArrayList<>();
    for (RelNode in : u.getInputs()) {
      inputs.add(KeyCasts.castColumns(convert(in), out));
    }
    List<Field> fields = new ArrayList<>();
    Schema first = inputs.get(0).schema();
    for (int i = 0; i < out.size(); i++) {
      Field f = first.getFields().get(i);
      fields.add(new Field(out.get(i).getName(), new FieldType(true,
          f.getType(), null), f.getChildren()));
    }
    return new UnionNode(inputs, new Schema(fields));
  }

  private PhysicalNode values(Values v) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : v.getTuples()) {
      List<Object> row = new ArrayList<>();
      for (RexLiteral lit : tuple) {
        row.add(Literals.value(lit));
      }
      rows.add(row);
    }
    return new ValuesNode(TypeMapping.toArrowSchema(v.getRowType()), rows);
  }

  static int[] allColumns(Schema s) {
    return ImmutableBitSet.range(s.getFields().size()).toArray();
  }
}
