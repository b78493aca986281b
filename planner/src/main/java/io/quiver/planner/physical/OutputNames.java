package io.quiver.planner.physical;

import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Gives the plan's output columns the names the query wrote ({@code SELECT id AS x}). Calcite drops a
 * project that only renames (it is trivial to the optimizer), so the plan may come out with the input's
 * names; this puts the query's names back, renaming the top project when there is one and adding a
 * zero-copy project of column references otherwise.
 */
public final class OutputNames {
  private OutputNames() {}

  public static PhysicalNode apply(PhysicalNode plan, List<String> names) {
    List<Field> fields = plan.schema().getFields();
    if (fields.size() != names.size() || sameNames(fields, names)) {
      return plan;
    }
    List<Field> renamed = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      renamed.add(new Field(names.get(i), f.getFieldType(), f.getChildren()));
    }
    Schema schema = new Schema(renamed, plan.schema().getCustomMetadata());
    if (plan instanceof ProjectNode p) {
      return new ProjectNode(p.input(), p.exprs(), schema);
    }
    List<Expr> refs = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      refs.add(new ColumnRef(i, fields.get(i).getType()));
    }
    return new ProjectNode(plan, refs, schema);
  }

  private static boolean sameNames(List<Field> fields, List<String> names) {
    for (int i = 0; i < fields.size(); i++) {
      if (!fields.get(i).getName().equals(names.get(i))) {
        return false;
      }
    }
    return true;
  }
}
