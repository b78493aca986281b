package io.quiver.executor.operator.agg;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.hash.HashPartitionSpill;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The output of a GROUP BY that spilled: the in-memory table's groups and the spilled rows, partition by
 * partition. For each partition a fresh table starts from the in-memory groups of that partition's keys
 * (a parallel aggregation's merged table may hold keys whose later rows were spilled by another worker)
 * and takes the partition's rows; if it outgrows the budget it spills again, one level deeper, with
 * other hash bits. Tables and spill files are released as soon as their partitions are done.
 */
public final class SpilledGroups implements BatchStream {
  /** A table to emit ({@code spill == null}) or to split by its spill's partitions. */
  private record Step(HashAggregation table, HashPartitionSpill spill, int partition) {}

  private final Schema schema;
  private final ExecContext ctx;
  private final Reservation memory;
  private final Deque<Step> steps = new ArrayDeque<>();
  private final Deque<AutoCloseable> held = new ArrayDeque<>();
  private HashAggregation emitting;
  private int emitted;

  /** Emits {@code table} and {@code spill} (both taken over) as {@code schema} batches. */
  public SpilledGroups(HashAggregation table, HashPartitionSpill spill, Schema schema, ExecContext ctx, Reservation memory) {
    this.schema = schema;
    this.ctx = ctx;
    this.memory = memory;
    expand(table, spill);
  }

  /** Queues the partitions of {@code spill} over {@code table}; the last one releases both. */
  private void expand(HashAggregation table, HashPartitionSpill spill) {
    held.push(table);
    held.push(spill);
    for (int p = HashPartitionSpill.PARTITIONS - 1; p >= 0; p--) {
      steps.push(new Step(table, spill, p));
    }
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (true) {
      ctx.checkCancelled();
      if (emitting != null) {
        int groups = emitting.groupCount();
        if (emitted < groups) {
          int count = Math.min(ctx.batchSize(), groups - emitted);
          VectorSchemaRoot out = emitting.output(schema, emitted, count, ctx.allocator());
          emitted += count;
          return out;
        }
        emitting.close();
        emitting = null;
      }
      Step s = steps.poll();
      if (s == null) {
        return null;
      }
      if (s.spill() == null) {
        emitting = s.table();
        emitted = 0;
        memory.resize(emitting.estimatedBytes());
        continue;
      }
      aggregatePartition(s.table(), s.spill(), s.partition());
      if (s.partition() == HashPartitionSpill.PARTITIONS - 1) {
        // the parent's groups and rows are all handed out now
        closeHeld(s.spill());
        closeHeld(s.table());
      }
    }
  }

  private void closeHeld(AutoCloseable c) {
    held.remove(c);
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds partition {@code p}'s table and queues it (or its own partitions, if it spilled again). */
  private void aggregatePartition(HashAggregation parent, HashPartitionSpill spill, int p) {
    HashAggregation table = parent.emptyCopy();
    HashPartitionSpill child = null;
    try {
      table.mergePartition(parent, spill, p);
      if (spill.hasRows(p)) {
        long parentBytes = parent.estimatedBytes();
        try (BatchStream rows = spill.open(p, ctx.allocator())) {
          VectorSchemaRoot b;
          while ((b = rows.next()) != null) {
            try (VectorSchemaRoot batch = b) {
              ctx.checkCancelled();
              if (child != null) {
                table.addSpilling(batch, child);
                continue;
              }
              table.add(batch);
              if (!memory.grow(parentBytes + table.estimatedBytes()) && spill.level() + 1 < HashPartitionSpill.MAX_LEVEL) {
                child = new HashPartitionSpill(spill.schema(), spill.level() + 1, memory, ctx.allocator());
              }
            }
          }
        }
        spill.delete(p);
      }
      if (child != null) {
        child.finish();
      }
    } catch (RuntimeException | Error e) {
      table.close();
      if (child != null) {
        child.close();
      }
      throw e;
    }
    if (child != null) {
      expand(table, child);
    } else if (table.groupCount() > 0) {
      steps.push(new Step(table, null, 0));
    } else {
      table.close();
    }
  }

  @Override
  public void close() {
    if (emitting != null) {
      emitting.close();
      emitting = null;
    }
    for (Step s : steps) {
      if (s.spill() == null) {
        s.table().close();
      }
    }
    steps.clear();
    while (!held.isEmpty()) {
      try {
        held.pop().close();
      } catch (Exception ignored) {
        // keep releasing the rest
      }
    }
    memory.close();
  }
}
