package io.quiver.planner.physical;

import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.udf.UdfClasses;
import io.quiver.executor.udf.UdfSpec;
import io.quiver.planner.rex.RexToExpr;
import io.quiver.sql.functions.UserFunctionDef;
import io.quiver.sql.functions.UserScalarFunction;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Rule "UdfExtraction": every UDF call inside expressions (projections, filter conditions) becomes its
 * own {@link UdfNode} below them, innermost first, so {@code classify(normalize(image))} gives two nodes;
 * the expressions then read the calls' result columns. Arguments that are not plain columns are
 * computed by a projection under the node. Each node keeps every column of its input, so column
 * references below the rewritten expressions stay valid.
 */
public final class UdfExtraction {
  /** The new input (the UDF nodes over the original input) and the expressions rewritten over it. */
  public record Result(PhysicalNode input, List<RexNode> exprs) {}

  private PhysicalNode current;
  private final RexBuilder rexBuilder;

  private UdfExtraction(PhysicalNode input, RexBuilder rexBuilder) {
    this.current = input;
    this.rexBuilder = rexBuilder;
  }

  /** True if any expression calls a UDF. */
  public static boolean appliesTo(List<RexNode> exprs) {
    for (RexNode e : exprs) {
      if (containsUdf(e)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsUdf(RexNode e) {
    if (e instanceof RexCall c) {
      if (c.getOperator() instanceof UserScalarFunction) {
        return true;
      }
      for (RexNode o : c.getOperands()) {
        if (containsUdf(o)) {
          return true;
        }
      }
    }
    return false;
  }

  public static Result apply(PhysicalNode input, List<RexNode> exprs, RexBuilder rexBuilder) {
    UdfExtraction x = new UdfExtraction(input, rexBuilder);
    List<RexNode> out = new ArrayList<>();
    for (RexNode e : exprs) {
      out.add(e.accept(x.new Rewriter()));
    }
    return new Result(x.current, out);
  }

  /** Rewrites bottom-up: operands first, so nested calls become nodes innermost first. */
  private final class Rewriter extends RexShuttle {
    @Override
    public RexNode visitCall(RexCall call) {
      RexCall rewritten = (RexCall) super.visitCall(call);
      if (!(rewritten.getOperator() instanceof UserScalarFunction f)) {
        return rewritten;
      }
      return extract(f.definition(), rewritten);
    }
  }

  private RexNode extract(UserFunctionDef def, RexCall call) {
    List<RexNode> operands = call.getOperands();
    int[] args = new int[operands.size()];
    List<Expr> computed = new ArrayList<>();
    List<Field> computedFields = new ArrayList<>();
    int width = current.schema().getFields().size();
    RexToExpr rex = new RexToExpr(current.schema(), rexBuilder);
    for (int i = 0; i < operands.size(); i++) {
      RexNode o = operands.get(i);
      if (o instanceof RexInputRef ref) {
        args[i] = ref.getIndex();
      } else {
        Expr e = rex.convert(o);
        args[i] = width + computed.size();
        computed.add(e);
        computedFields.add(RelToPhysical.outputField(def.name() + "_arg" + i, e, current.schema(),
            new org.apache.calcite.rel.type.RelDataTypeFieldImpl("arg", i, o.getType())));
      }
    }
    if (!computed.isEmpty()) {
      List<Expr> exprs = new ArrayList<>();
      List<Field> fields = new ArrayList<>(current.schema().getFields());
      for (int c = 0; c < width; c++) {
        exprs.add(new ColumnRef(c, fields.get(c).getType()));
      }
      exprs.addAll(computed);
      fields.addAll(computedFields);
      current = new ProjectNode(current, exprs, new Schema(fields));
    }
    UdfSpec spec = UdfClasses.define(def.name(), def.className(), def.jar(), def.with());
    List<Field> argFields = new ArrayList<>();
    for (int a : args) {
      argFields.add(current.schema().getFields().get(a));
    }
    Field output = UdfClasses.returnField(spec, argFields, def.name());
    UdfNode node = UdfNode.of(current, spec, args, output);
    current = node;
    return new RexInputRef(node.schema().getFields().size() - 1, call.getType());
  }

}
