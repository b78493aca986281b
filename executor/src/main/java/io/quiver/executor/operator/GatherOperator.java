package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.BatchOrigin;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs one pipeline per split on the thread pool, at most {@code parallelism} (times two, to hide
 * stragglers) at a time, and returns their batches in split order. Keeping split order makes results
 * deterministic (as DuckDB keeps insertion order), which a session seed relies on. Each pipeline writes
 * into a small bounded queue, so a slow consumer stops the producers instead of filling memory.
 */
public final class GatherOperator implements BatchStream {
  private static final int QUEUE_CAPACITY = 4;
  private static final Object END = new Object();

  /** A batch with the {@link BatchOrigin} it had on the pipeline's thread. */
  private record Item(VectorSchemaRoot batch, String origin) {}

  private final int splitCount;
  private final IntFunction<BatchStream> pipelineForSplit;
  private final Schema schema;
  private final int window;
  private final ExecContext ctx;
  private final ArrayDeque<Task> running = new ArrayDeque<>();
  private int nextToStart;
  private volatile boolean closed;

  /** One pipeline's run: its output queue and its future. */
  private final class Task implements Runnable {
    final int split;
    final BlockingQueue<Object> out = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    Future<?> future;

    Task(int split) {
      this.split = split;
    }

    @Override
    public void run() {
      Object last = END;
      try (BatchStream pipeline = pipelineForSplit.apply(split)) {
        VectorSchemaRoot batch;
        while (!closed && (batch = pipeline.next()) != null) {
          if (!offer(new Item(batch, BatchOrigin.current()))) {
            batch.close();
            return;
          }
        }
      } catch (Throwable t) {
        last = t;
      }
      offer(last);
    }

    private boolean offer(Object item) {
      try {
        while (!closed) {
          if (out.offer(item, 50, TimeUnit.MILLISECONDS)) {
            return true;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }

    void drain() {
      Object o;
      while ((o = out.poll()) != null) {
        if (o instanceof Item i) {
          i.batch().close();
        }
      }
    }
  }

  /**
   * @param splitCount how many pipelines to run
   * @param pipelineForSplit builds the pipeline that reads split {@code i}; called on a pool thread
   */
  public GatherOperator(int splitCount, IntFunction<BatchStream> pipelineForSplit, Schema schema,
      int parallelism, ExecContext ctx) {
    this.splitCount = splitCount;
    this.pipelineForSplit = pipelineForSplit;
    this.schema = schema;
    this.window = Math.max(1, parallelism * 2);
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (true) {
      ctx.checkCancelled();
      while (running.size() < window && nextToStart < splitCount) {
        Task t = new Task(nextToStart++);
        t.future = ctx.pool().submit(t);
        running.add(t);
      }
      Task head = running.peek();
      if (head == null) {
        BatchOrigin.set(null);
        return null;
      }
      Object item;
      try {
        item = head.out.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException("Query interrupted.", e);
      }
      if (item == null) {
        continue;
      }
      if (item == END) {
        running.poll();
        continue;
      }
      if (item instanceof Throwable t) {
        running.poll();
        if (t instanceof RuntimeException re) {
          throw re;
        }
        throw new QuiverException(String.valueOf(t.getMessage()), t);
      }
      Item i = (Item) item;
      BatchOrigin.set(i.origin());
      return i.batch();
    }
  }

  /** Splits not finished yet (each is at least one batch, usually): known as soon as the splits are listed. */
  @Override
  public long batchesAhead() {
    return (long) (splitCount - nextToStart) + running.size();
  }

  @Override
  public void close() {
    closed = true;
    for (Task t : running) {
      try {
        t.future.get();
      } catch (Exception ignored) {
        // The task's own error was already reported or does not matter once we stop.
      }
      t.drain();
    }
    running.clear();
  }

}
