package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.agg.HashAggregation;
import io.quiver.executor.plan.AggregateNode;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * GROUP BY and aggregates ({@link AggregateNode}): drains its input into a {@link HashAggregation}, then
 * returns the groups in first-seen order, {@code ctx.batchSize()} rows per batch. Without group keys it
 * returns exactly one row, even for empty input.
 */
public final class HashAggregateOperator implements BatchStream {
  private final BatchStream input;
  private final AggregateNode node;
  private final ExecContext ctx;
  private final HashAggregation aggregation;
  private boolean drained;
  private boolean inputClosed;
  private int emitted;

  public HashAggregateOperator(BatchStream input, AggregateNode node, ExecContext ctx) {
    this.input = input;
    this.node = node;
    this.ctx = ctx;
    this.aggregation = new HashAggregation(input.schema(), node.groupKeys(), node.aggregates(), ctx.allocator());
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    if (!drained) {
      drain();
    }
    int groups = aggregation.groupCount();
    if (emitted >= groups) {
      return null;
    }
    int count = Math.min(ctx.batchSize(), groups - emitted);
    VectorSchemaRoot out = aggregation.output(node.schema(), emitted, count, ctx.allocator());
    emitted += count;
    return out;
  }

  private void drain() {
    VectorSchemaRoot batch;
    while ((batch = input.next()) != null) {
      try (VectorSchemaRoot b = batch) {
        ctx.checkCancelled();
        aggregation.add(b);
      }
    }
    drained = true;
    closeInput();
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  @Override
  public void close() {
    closeInput();
    aggregation.close();
  }
}
