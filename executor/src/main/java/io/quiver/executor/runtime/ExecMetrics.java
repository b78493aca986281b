package io.quiver.executor.runtime;

import io.quiver.executor.BatchStream;
import io.quiver.executor.plan.PhysicalNode;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Per-node statistics of one query run under EXPLAIN ANALYZE: attach one to the {@code ExecContext}
 * before executing and {@code PlanExecutor} wraps every operator in a measuring stream. Nodes are keyed
 * by identity (plans may hold equal nodes twice). Actor pools add their own {@link PoolStats}.
 */
public final class ExecMetrics {
  private final Map<PhysicalNode, OperatorStats> operators = new IdentityHashMap<>();
  private final Map<PhysicalNode, PoolStats> pools = new IdentityHashMap<>();

  /** The statistics of {@code node}, created on first use. */
  public synchronized OperatorStats of(PhysicalNode node) {
    return operators.computeIfAbsent(node, n -> new OperatorStats());
  }

  /** The pool statistics of a UDF node, created on first use. */
  public synchronized PoolStats poolOf(PhysicalNode node) {
    return pools.computeIfAbsent(node, n -> new PoolStats());
  }

  /** Statistics of {@code node}, or null if it never ran. */
  public synchronized OperatorStats get(PhysicalNode node) {
    return operators.get(node);
  }

  /** Pool statistics of {@code node}, or null if it has no pool or never ran. */
  public synchronized PoolStats pool(PhysicalNode node) {
    return pools.get(node);
  }

  /** {@code stream} measured as {@code node}. */
  public BatchStream measure(PhysicalNode node, BatchStream stream) {
    OperatorStats stats = of(node);
    return new BatchStream() {
      @Override
      public Schema schema() {
        return stream.schema();
      }

      @Override
      public VectorSchemaRoot next() {
        long start = System.nanoTime();
        VectorSchemaRoot b = stream.next();
        stats.record(b == null ? -1 : b.getRowCount(), System.nanoTime() - start);
        return b;
      }

      @Override
      public long batchesAhead() {
        return stream.batchesAhead();
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }
}
