package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.hash.HashPartitionSpill;
import io.quiver.executor.operator.agg.HashAggregation;
import io.quiver.executor.operator.agg.SpilledGroups;
import io.quiver.executor.runtime.QueryMemory;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import io.quiver.executor.plan.AggregateNode;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * GROUP BY and aggregates ({@link AggregateNode}): builds a {@link HashAggregation} from a
 * {@link GroupSource} on the first {@code next()}, then returns the groups in the table's order,
 * {@code ctx.batchSize()} rows per batch. Without group keys it returns exactly one row, even for empty
 * input. One-phase aggregation drains its input on this thread; a two-phase one takes the merged partial
 * states of {@link ParallelPartialAggregation}.
 *
 * <p>When the table outgrows its share of the query's memory budget, its groups stay in memory and
 * absorb the later rows of their keys, while rows of new keys are partitioned by key hash into spill
 * files ({@link HashPartitionSpill}); the output is then produced partition by partition ({@link SpilledGroups}).
 */
public final class HashAggregateOperator implements BatchStream {
  /** Produces the filled aggregation table, once. */
  public interface GroupSource extends AutoCloseable {
    /** The aggregated groups; the operator owns (and closes) the returned table. */
    HashAggregation aggregate();

    /**
     * The rows that did not fit in memory (see {@link HashPartitionSpill}), handed over to the caller after
     * {@link #aggregate}, or null when nothing spilled.
     */
    default HashPartitionSpill takeSpill() {
      return null;
    }

    /** Stops and releases whatever the source still holds (may come before {@link #aggregate}). */
    @Override
    void close();
  }

  private final AggregateNode node;
  private final ExecContext ctx;
  private final GroupSource source;
  private HashAggregation aggregation;
  /** The output when the aggregation spilled. */
  private SpilledGroups spilled;
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
    if (spilled != null) {
      return spilled.next();
    }
    if (aggregation == null) {
      aggregation = source.aggregate();
      HashPartitionSpill spill = source.takeSpill();
      closeSource();
      if (spill != null) {
        HashAggregation table = aggregation;
        aggregation = null;
        spilled = new SpilledGroups(table, spill, node.schema(), ctx, QueryMemory.reservation(ctx, node));
        return spilled.next();
      }
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
      aggregation = null;
    }
    if (spilled != null) {
      spilled.close();
      spilled = null;
    }
  }

  /** One phase: every batch of the input goes into one table on the consumer's thread. */
  private static final class DrainedInput implements GroupSource {
    private final BatchStream input;
    private final AggregateNode node;
    private final ExecContext ctx;

    private HashPartitionSpill spill;
    private Reservation memory;

    DrainedInput(BatchStream input, AggregateNode node, ExecContext ctx) {
      this.input = input;
      this.node = node;
      this.ctx = ctx;
    }

    @Override
    public HashPartitionSpill takeSpill() {
      HashPartitionSpill s = spill;
      spill = null;
      return s;
    }

    @Override
    public HashAggregation aggregate() {
      HashAggregation table = new HashAggregation(input.schema(), node.groupKeys(), node.aggregates(), ctx.allocator());
      memory = table.hasKeys() ? QueryMemory.reservation(ctx, node) : null;
      try {
        VectorSchemaRoot batch;
        while ((batch = input.next()) != null) {
          try (VectorSchemaRoot b = batch) {
            ctx.checkCancelled();
            if (spill != null) {
              table.addSpilling(b, spill);
              continue;
            }
            table.add(b);
            if (memory != null && !memory.grow(table.estimatedBytes())) {
              // Past the budget: the table keeps its groups, rows of new keys go to disk.
              spill = new HashPartitionSpill(input.schema(), 0, memory, ctx.allocator());
            }
          }
        }
        if (spill != null) {
          spill.finish();
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
      if (spill != null) {
        spill.close();
        spill = null;
      }
      if (memory != null) {
        memory.close();
        memory = null;
      }
    }
  }
}
