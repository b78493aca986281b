package io.quiver.server;

import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/** Finds the {@code ?} parameters of a relational expression and the types Calcite inferred for them. */
final class DynamicParams {
  private DynamicParams() {}

  static void collect(RelNode rel, Map<Integer, RelDataType> out) {
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitDynamicParam(RexDynamicParam p) {
        out.put(p.getIndex(), p.getType());
        return p;
      }

      @Override
      public RexNode visitSubQuery(RexSubQuery s) {
        collect(s.rel, out);
        return super.visitSubQuery(s);
      }
    });
    rel.getInputs().forEach(i -> collect(i, out));
  }
}
