package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.agg.HashAggregation;
import io.quiver.executor.plan.AggregateNode;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * GROUP BY and aggregates ({@link AggregateNode}): builds a {@link HashAggregation} from a
 * {@link GroupSource} on the first {@code next()}, then returns the groups in the table's order,
 * {@code ctx.batchSize()} rows per batch. Without group keys it returns exactly one row, even for empty
 * input. One-phase aggregation drains its input on this thread; a two-phase one takes the merged partial
 * states of {@link ParallelPartialAggregation}.
 */
public final class HashAggregateOperator implements BatchStream {
  /** Produces the filled aggregation table, once. */
  public interface GroupSource extends AutoCloseable {
    /** The aggregated groups; the operator owns (and closes) the returned table. */
    HashAggregation aggregate();

    /** Stops and releases whatever the source still holds (may come before {@link #aggregate}). */
    @Override
    void close();
  }

  private final AggregateNode node;
  private final ExecContext ctx;
  private final GroupSource source;
  private HashAggregation aggregation;
  private boolean sourceClosed;
  private int emitted;

  /** A one-phase aggregation of {@code input} on the calling thread. */
  public HashAggregateOperator(BatchStream input, AggregateNode node, ExecContext ctx) {
    this(node, ctx, new DrainedInput(input, node, ctx));
  }

  /** Emits the groups {@code source} produces, as {@code node.schema()}. */
  public HashAggregateOperator(AggregateNode node, ExecContext ctx, GroupSource source) {
    this.node = node;
    this.ctx = ctx;
    this.source = source;
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    if (aggregation == null) {
      aggregation = source.aggregate();
      closeSource();
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

  private void closeSource() {
    if (!sourceClosed) {
      sourceClosed = true;
      source.close();
    }
  }

  @Override
  public void close() {
    closeSource();
    if (aggregation != null) {
      aggregation.close();
    }
  }

  /** One phase: every batch of the input goes into one table on the consumer's thread. */
  private static final class DrainedInput implements GroupSource {
    private final BatchStream input;
    private final AggregateNode node;
    private final ExecContext ctx;

    DrainedInput(BatchStream input, AggregateNode node, ExecContext ctx) {
      this.input = input;
      this.node = node;
      this.ctx = ctx;
    }

    @Override
    public HashAggregation aggregate() {
      HashAggregation table = new HashAggregation(input.schema(), node.groupKeys(), node.aggregates(), ctx.allocator());
      try {
        VectorSchemaRoot batch;
        while ((batch = input.next()) != null) {
          try (VectorSchemaRoot b = batch) {
            ctx.checkCancelled();
            table.add(b);
          }
        }
        return table;
      } catch (RuntimeException | Error e) {
        table.close();
        throw e;
      }
    }

    @Override
    public void close() {
      input.close();
    }
  }
}
