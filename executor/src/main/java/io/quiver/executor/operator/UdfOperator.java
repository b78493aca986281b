package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.executor.runtime.PoolStats;
import io.quiver.executor.udf.ActorPool;
import io.quiver.executor.udf.BatchRunner;
import io.quiver.executor.udf.QueryReservations;
import io.quiver.executor.udf.ResourceBudget;
import io.quiver.executor.udf.UdfInstance;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs one UDF call ({@link UdfNode}): input columns pass through, the function's result is appended,
 * rows keep their order. Input is re-cut to the function's {@code batch_size}. A stateless function
 * runs here, on the pulling thread, with one instance opened on first use; a pooled one sends its
 * batches to an {@link ActorPool} and keeps up to two batches per actor in flight, returning results in
 * input order. Batches a function skips ({@code on_error = 'skip'}) are dropped whole.
 */
public final class UdfOperator implements BatchStream {
  /** A chunk waiting for its result. */
  private record Pending(VectorSchemaRoot chunk, CompletableFuture<FieldVector> result) {}

  private final UdfNode node;
  private final ExecContext ctx;
  private final Rechunker chunks;
  private final BatchRunner runner;
  private final PoolStats stats;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private UdfInstance inline;
  private ActorPool pool;
  private boolean inputDone;
  private boolean sizedPool;
  private boolean closed;

  public UdfOperator(BatchStream input, UdfNode node, ExecContext ctx) {
    this.node = node;
    this.ctx = ctx;
    this.chunks = new Rechunker(input, node.function().hints().batchSize(), ctx.allocator());
    ExecMetrics metrics = ctx.attachmentOrNull(ExecMetrics.class);
    this.stats = metrics != null && node.function().hints().isPool() ? metrics.poolOf(node) : new PoolStats();
    this.runner = new BatchRunner(node.function(), node.output(), ctx, stats);
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    ctx.checkCancelled();
    return node.function().hints().isPool() ? nextPooled() : nextInline();
  }

  private VectorSchemaRoot nextInline() {
    while (true) {
      Rechunker.Chunk c = chunks.next();
      if (c == null) {
        return null;
      }
      FieldVector result;
      try {
        if (inline == null) {
          inline = UdfInstance.open(node.function(), 0, new int[0], ctx);
        }
        result = runner.run(inline, arguments(c.batch()), c.batch().getRowCount(), c.origin());
      } catch (RuntimeException e) {
        c.batch().close();
        throw e;
      }
      if (result == null) {
        c.batch().close();
        continue;
      }
      return combine(c.batch(), result);
    }
  }

  private VectorSchemaRoot nextPooled() {
    if (pool == null) {
      pool = startPool();
    }
    int window = 2 * node.function().hints().maxActors() + 1;
    while (true) {
      while (!inputDone && pending.size() < window) {
        Rechunker.Chunk c = chunks.next();
        if (c == null) {
          inputDone = true;
          break;
        }
        CompletableFuture<FieldVector> f = new CompletableFuture<>();
        pending.add(new Pending(c.batch(), f));
        pool.submit(new ActorPool.Task(arguments(c.batch()), c.batch().getRowCount(), c.origin(), f));
        if (!sizedPool) {
          // After the first chunk: a lazily built input (a gather listing its splits) knows its size by now.
          sizedPool = true;
          long ahead = chunks.chunksAhead();
          pool.expectBatches(ahead < 0 ? -1 : ahead + pending.size());
        }
      }
      Pending head = pending.poll();
      if (head == null) {
        return null;
      }
      FieldVector result;
      try {
        result = await(head.result());
      } catch (RuntimeException e) {
        head.chunk().close();
        // Stopped waiting (cancel, interrupt): the actor may still finish this batch; its result is
        // nobody's then, so it is closed when it comes (the pool's close waits for its actors).
        head.result().thenAccept(v -> {
          if (v != null) {
            v.close();
          }
        });
        throw e;
      }
      if (result == null) {
        head.chunk().close();
        continue;
      }
      return combine(head.chunk(), result);
    }
  }

  private ActorPool startPool() {
    ResourceBudget budget = ResourceBudget.of(ctx);
    int reserved = QueryReservations.take(node, ctx);
    if (reserved == 0) {
      // Not reserved up front (a pool built outside PlanExecutor.execute): wait for one actor's worth.
      budget.acquire(ResourceBudget.Request.of(node.function().hints()), ctx);
      reserved = 1;
    }
    return new ActorPool(node.function(), node.output(), ctx, budget, reserved, stats);
  }

  /** The input's estimate (a batch in, a batch out), plus the batches waiting for results. */
  @Override
  public long batchesAhead() {
    long ahead = chunks.chunksAhead();
    return ahead < 0 ? -1 : ahead + pending.size();
  }

  private FieldVector await(CompletableFuture<FieldVector> f) {
    while (true) {
      ctx.checkCancelled();
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // keep waiting, checking for cancellation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException("Query interrupted.", e);
      } catch (CancellationException e) {
        throw new QuiverException("Function " + node.function().name() + ": batch cancelled.", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof RuntimeException re ? re
            : new QuiverException("Function " + node.function().name() + " failed: " + c, c);
      }
    }
  }

  private List<FieldVector> arguments(VectorSchemaRoot batch) {
    List<FieldVector> args = new ArrayList<>(node.args().length);
    for (int a : node.args()) {
      args.add(batch.getVector(a));
    }
    return args;
  }

  /** The chunk's columns plus the result; the chunk's vectors move into the returned batch. */
  private static VectorSchemaRoot combine(VectorSchemaRoot chunk, FieldVector result) {
    List<FieldVector> vectors = new ArrayList<>(chunk.getFieldVectors());
    vectors.add(result);
    List<Field> fields = new ArrayList<>(vectors.size());
    for (FieldVector v : vectors) {
      fields.add(v.getField());
    }
    return new VectorSchemaRoot(fields, vectors, chunk.getRowCount());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException error = null;
    try {
      if (pool != null) {
        pool.close();
      } else if (node.function().hints().isPool()) {
        int unused = QueryReservations.take(node, ctx);
        if (unused > 0) {
          ResourceBudget.of(ctx).release(ResourceBudget.Request.of(node.function().hints()).times(unused));
        }
      }
      if (inline != null) {
        inline.close();
      }
    } catch (RuntimeException e) {
      error = e;
    } finally {
      for (Pending p : pending) {
        p.chunk().close();
        if (p.result().isDone() && !p.result().isCompletedExceptionally()) {
          FieldVector done = p.result().join();
          if (done != null) {
            done.close();
          }
        }
      }
      pending.clear();
      chunks.close();
    }
    if (error != null) {
      throw error;
    }
  }
}
