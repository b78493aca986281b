package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.operator.hash.HashPartitionSpill;
import io.quiver.executor.operator.agg.HashAggregation;
import io.quiver.executor.runtime.QueryMemory;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import io.quiver.executor.plan.AggregateNode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Both phases of a two-phase aggregation on one machine: {@code parallelism} workers on the thread pool
 * each fold their share of the splits into their own partial table (the {@link AggregateNode.Phase#PARTIAL}
 * node), then the tables are merged (the {@link AggregateNode.Phase#FINAL} step).
 *
 * <p>One table per worker rather than per split: a GROUP BY with many groups then merges a few tables
 * instead of many overlapping small ones. When partial aggregation does not pay — a worker has seen at
 * least {@link #ADAPT_ROWS} rows and has more groups than half of them — that worker stops aggregating
 * and hands its remaining batches to the consumer's thread, which aggregates them into the final table
 * (so nearly-unique keys are stored once, not once per worker and again when merging).
 *
 * <p>Deterministic for a given {@code threads} setting: split {@code s} goes to worker
 * {@code s % workers}, each worker reads its splits in order and decides to hand over only from its own
 * rows; handed-over batches are consumed in split order, and worker tables merge in worker order. So
 * the groups, their order and floating-point sums are the same on every run. Each split runs its own
 * pipeline, so per-split behaviour (seeded randomness, scan limits) is that of a gather.
 *
 * <p>A table past its share of the query's memory budget keeps its groups but sends rows of new keys to
 * a spill shared by all tables ({@link HashPartitionSpill}); the merged table and the spill are then emitted
 * partition by partition by the final operator. Which rows spill depends on timing, the result not.
 */
public final class ParallelPartialAggregation implements HashAggregateOperator.GroupSource {
  /** Rows a worker aggregates before it may judge that partial aggregation does not reduce its input. */
  static final long ADAPT_ROWS = 1 << 18;
  private static final int QUEUE_CAPACITY = 4;
  private static final Object END = new Object();

  private final int splitCount;
  private final IntFunction<BatchStream> pipelineForSplit;
  private final AggregateNode partial;
  private final Schema pipelineSchema;
  private final int workers;
  private final ExecContext ctx;
  private final HashAggregation[] tables;
  private final Future<?>[] futures;
  /** Per split: the batches its worker hands over (then END), or just END. */
  private final BlockingQueue<Object>[] handedOver;
  private HashAggregation overflow;
  private volatile boolean stopped;
  /** Rows of new keys once a table is over its memory share; shared by all workers, made on first need. */
  private HashPartitionSpill spill;
  private final Reservation[] memory;
  private Reservation overflowMemory;

  /**
   * @param pipelineForSplit builds the pipeline below the partial aggregate for split {@code i}; called
   *     on a pool thread
   * @param partial the partial aggregate (its input's schema is the pipelines' schema)
   */
  @SuppressWarnings("unchecked")
  public ParallelPartialAggregation(int splitCount, IntFunction<BatchStream> pipelineForSplit,
      AggregateNode partial, int parallelism, ExecContext ctx) {
    this.splitCount = splitCount;
    this.pipelineForSplit = pipelineForSplit;
    this.partial = partial;
    this.pipelineSchema = partial.input().schema();
    this.workers = Math.max(1, Math.min(parallelism, splitCount));
    this.ctx = ctx;
    this.tables = new HashAggregation[workers];
    this.futures = new Future<?>[workers];
    this.handedOver = new BlockingQueue[splitCount];
    this.memory = new Reservation[workers];
  }

  @Override
  public HashPartitionSpill takeSpill() {
    HashPartitionSpill s;
    synchronized (this) {
      s = spill;
      spill = null;
    }
    if (s != null) {
      s.finish();
    }
    return s;
  }

  /** The shared spill, created by the first table that needs it. */
  private synchronized HashPartitionSpill spill(Reservation r) {
    if (spill == null) {
      spill = new HashPartitionSpill(pipelineSchema, 0, r, ctx.allocator());
    }
    return spill;
  }

  /**
   * Adds {@code b} to {@code table}, or only its rows of known keys once the table is over its share
   * ({@code spilling}), returning whether it spills from now on.
   */
  private boolean add(HashAggregation table, VectorSchemaRoot b, Reservation r, boolean spilling) {
    if (spilling) {
      table.addSpilling(b, spill(r));
      return true;
    }
    table.add(b);
    return table.hasKeys() && !r.grow(table.estimatedBytes());
  }

  @Override
  public HashAggregation aggregate() {
    for (int s = 0; s < splitCount; s++) {
      handedOver[s] = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    }
    overflow = newTable();
    overflowMemory = QueryMemory.reservation(ctx, partial);
    for (int w = 0; w < workers; w++) {
      tables[w] = newTable();
      memory[w] = QueryMemory.reservation(ctx, partial);
    }
    for (int w = 0; w < workers; w++) {
      int worker = w;
      futures[w] = ctx.pool().submit(() -> run(worker));
    }
    for (int s = 0; s < splitCount; s++) {
      consumeHandedOver(s);
    }
    awaitWorkers();
    HashAggregation merged = overflow.groupCount() > 0 || splitCount == 0 ? overflow : tables[0];
    for (int w = 0; w < workers; w++) {
      if (tables[w] != merged) {
        ctx.checkCancelled();
        merged.merge(tables[w]);
        tables[w].close();
      }
      tables[w] = null;
    }
    if (merged != overflow) {
      overflow.close();
    }
    overflow = null;
    return merged;
  }

  private HashAggregation newTable() {
    return new HashAggregation(pipelineSchema, partial.groupKeys(), partial.aggregates(), ctx.allocator());
  }

  /** The worker's loop: its splits in order, aggregated locally until that stops paying. */
  private void run(int worker) {
    HashAggregation table = tables[worker];
    Reservation r = memory[worker];
    long rows = 0;
    boolean handOver = false;
    boolean spilling = false;
    for (int s = worker; s < splitCount && !stopped; s += workers) {
      Object last = END;
      try (BatchStream pipeline = pipelineForSplit.apply(s)) {
        VectorSchemaRoot batch;
        while (!stopped && (batch = pipeline.next()) != null) {
          if (handOver) {
            if (!offer(s, batch)) {
              batch.close();
            }
            continue;
          }
          try (VectorSchemaRoot b = batch) {
            ctx.checkCancelled();
            spilling = add(table, b, r, spilling);
            rows += b.getRowCount();
          }
          handOver = rows >= ADAPT_ROWS && table.groupCount() > rows / 2;
        }
      } catch (Throwable t) {
        last = t;
      }
      offer(s, last);
      if (last != END) {
        return;
      }
    }
  }

  private boolean offer(int split, Object item) {
    try {
      while (!stopped) {
        if (handedOver[split].offer(item, 50, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private boolean overflowSpilling;

  /** Aggregates what split {@code s}'s worker hands over, until its END; rethrows the worker's error. */
  private void consumeHandedOver(int s) {
    while (true) {
      ctx.checkCancelled();
      Object item;
      try {
        item = handedOver[s].poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException("Query interrupted.", e);
      }
      if (item == null) {
        continue;
      }
      if (item == END) {
        return;
      }
      if (item instanceof Throwable t) {
        if (t instanceof RuntimeException re) {
          throw re;
        }
        if (t instanceof Error err) {
          throw err;
        }
        throw new QuiverException(String.valueOf(t.getMessage()), t);
      }
      try (VectorSchemaRoot b = (VectorSchemaRoot) item) {
        overflowSpilling = add(overflow, b, overflowMemory, overflowSpilling);
      }
    }
  }

  private void awaitWorkers() {
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException("Query interrupted.", e);
      } catch (ExecutionException e) {
        // Workers report their errors through the queues; anything else is a bug worth surfacing.
        throw new QuiverException(String.valueOf(e.getCause().getMessage()), e.getCause());
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    for (Future<?> f : futures) {
      if (f != null) {
        try {
          f.get();
        } catch (Exception ignored) {
          // Already reported by aggregate(), or irrelevant once the query stops.
        }
      }
    }
    for (BlockingQueue<Object> q : handedOver) {
      Object o;
      while (q != null && (o = q.poll()) != null) {
        if (o instanceof VectorSchemaRoot r) {
          r.close();
        }
      }
    }
    for (int w = 0; w < tables.length; w++) {
      if (tables[w] != null) {
        tables[w].close();
        tables[w] = null;
      }
    }
    if (overflow != null) {
      overflow.close();
      overflow = null;
    }
    synchronized (this) {
      if (spill != null) {
        spill.close();
        spill = null;
      }
    }
    for (Reservation r : memory) {
      if (r != null) {
        r.close();
      }
    }
    if (overflowMemory != null) {
      overflowMemory.close();
    }
  }
}
