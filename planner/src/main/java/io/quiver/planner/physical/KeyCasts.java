package io.quiver.planner.physical;

import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.planner.rex.CommonTypes;
import io.quiver.sql.types.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Brings columns that must agree (join keys, union inputs) to one Arrow type by adding a cast
 * projection where they differ; the hash join and union compare values of the same type only.
 */
final class KeyCasts {
  private KeyCasts() {}

  /** The two join inputs, each cast where its key types differ from the other side's. */
  static PhysicalNode[] align(PhysicalNode left, PhysicalNode right, int[] leftKeys, int[] rightKeys) {
    ArrowType[] leftTargets = new ArrowType[left.schema().getFields().size()];
    ArrowType[] rightTargets = new ArrowType[right.schema().getFields().size()];
    boolean castLeft = false;
    boolean castRight = false;
    for (int i = 0; i < leftKeys.length; i++) {
      ArrowType l = left.schema().getFields().get(leftKeys[i]).getType();
      ArrowType r = right.schema().getFields().get(rightKeys[i]).getType();
      if (!l.equals(r)) {
        ArrowType common = CommonTypes.common(l, r);
        if (!common.equals(l)) {
          leftTargets[leftKeys[i]] = common;
          castLeft = true;
        }
        if (!common.equals(r)) {
          rightTargets[rightKeys[i]] = common;
          castRight = true;
        }
      }
    }
    return new PhysicalNode[] {
        castLeft ? castProject(left, leftTargets) : left,
        castRight ? castProject(right, rightTargets) : right};
  }

  /** {@code input} with each column cast to the SQL type of {@code out}, where they differ. */
  static PhysicalNode castColumns(PhysicalNode input, List<RelDataTypeField> out) {
    ArrowType[] targets = new ArrowType[out.size()];
    boolean any = false;
    for (int i = 0; i < out.size(); i++) {
      ArrowType have = input.schema().getFields().get(i).getType();
      if (have instanceof ArrowType.ExtensionType || have instanceof ArrowType.List) {
        continue;
      }
      ArrowType want = TypeMapping.toArrow(out.get(i).getType());
      if (!have.equals(want)) {
        targets[i] = want;
        any = true;
      }
    }
    return any ? castProject(input, targets) : input;
  }

  private static PhysicalNode castProject(PhysicalNode input, ArrowType[] targets) {
    List<Expr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < targets.length; i++) {
      Field f = input.schema().getFields().get(i);
      Expr ref = new ColumnRef(i, f.getType());
      if (targets[i] == null) {
        exprs.add(ref);
        fields.add(f);
      } else {
        exprs.add(CommonTypes.castTo(ref, targets[i]));
        fields.add(new Field(f.getName(), new FieldType(true, targets[i], null), null));
      }
    }
    return new ProjectNode(input, exprs, new Schema(fields));
  }
}
