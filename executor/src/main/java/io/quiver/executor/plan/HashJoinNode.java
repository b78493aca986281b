package io.quiver.executor.plan;

import io.quiver.executor.expr.Expr;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Equi-join: builds a hash table on {@code right} and probes it with {@code left}. Output columns are
 * left's then right's (for SEMI and ANTI: left's only). {@code residual} (nullable) is an extra condition
 * over the concatenated left+right columns. NULL keys never match.
 */
public record HashJoinNode(PhysicalNode left, PhysicalNode right, int[] leftKeys, int[] rightKeys,
    JoinKind kind, Expr residual, Schema schema) implements PhysicalNode {
  @Override
  public List<PhysicalNode> inputs() {
    return List.of(left, right);
  }
}
