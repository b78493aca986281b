package io.quiver.planner.physical;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Small utilities over executor expressions: referenced columns, renumbering, conjuncts. */
final class Exprs {
  private Exprs() {}

  static void collectColumns(Expr e, BitSet into) {
    if (e instanceof ColumnRef ref) {
      into.set(ref.index());
    } else if (e instanceof Call c) {
      c.args().forEach(a -> collectColumns(a, into));
    }
  }

  /** {@code e} with column i replaced by column {@code mapping[i]}. */
  static Expr remap(Expr e, int[] mapping) {
    if (e instanceof ColumnRef ref) {
      return new ColumnRef(mapping[ref.index()], ref.type());
    }
    if (e instanceof Call c) {
      List<Expr> args = new ArrayList<>(c.args().size());
      c.args().forEach(a -> args.add(remap(a, mapping)));
      return new Call(c.function(), args, c.type());
    }
    return e;
  }

  static List<Expr> conjuncts(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Call c && c.function().equals(Functions.AND)) {
      c.args().forEach(a -> out.addAll(conjuncts(a)));
    } else {
      out.add(e);
    }
    return out;
  }

  /** True for random(), whose value must not be computed twice or moved. */
  static boolean isDeterministic(Expr e) {
    if (e instanceof Call c) {
      return !c.function().equals(Functions.RANDOM) && c.args().stream().allMatch(Exprs::isDeterministic);
    }
    return true;
  }
}
