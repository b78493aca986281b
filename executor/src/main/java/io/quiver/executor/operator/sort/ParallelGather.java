package io.quiver.executor.operator.sort;

import io.quiver.executor.ExecContext;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@link Batches#take} with the columns gathered on several threads. A sort's output is a random-access
 * gather of every column (most of an ORDER BY's time over wide rows, and all of it memory-bound), and
 * columns are independent, so a batch's columns are shared out between the caller and helpers on the
 * query's pool ({@code threads}). The caller takes columns too and skips helpers that never started,
 * so it never waits on a busy pool (no deadlock when the sort itself runs on a pool thread).
 */
public final class ParallelGather {
  /** Fewer rows than this are gathered on the caller's thread alone (the hand-off would cost more). */
  private static final int MIN_ROWS = 4096;

  private ParallelGather() {}

  /** Rows {@code indices[0..count)} of {@code src} as a new batch (src stays the caller's). */
  public static VectorSchemaRoot take(VectorSchemaRoot src, int[] indices, int count, ExecContext ctx) {
    int columns = src.getFieldVectors().size();
    int helpers = Math.min(ctx.parallelism(), columns) - 1;
    ExecutorService pool = ctx.pool();
    if (pool == null || helpers <= 0 || count < MIN_ROWS) {
      return Batches.take(src, indices, count, ctx.allocator());
    }
    FieldVector[] out = new FieldVector[columns];
    AtomicInteger nextColumn = new AtomicInteger();
    Runnable work = () -> {
      int c;
      while ((c = nextColumn.getAndIncrement()) < columns) {
        out[c] = Batches.take(src.getVector(c), indices, count, ctx.allocator());
      }
    };
    // A helper runs only if it claims its flag before the caller does; the caller waits for claimed ones.
    // (Future.cancel cannot tell: it also succeeds on a task that is already running.)
    List<AtomicBoolean> claimed = new ArrayList<>(helpers);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      AtomicBoolean flag = new AtomicBoolean();
      claimed.add(flag);
      futures.add(pool.submit(() -> {
        if (flag.compareAndSet(false, true)) {
          work.run();
        }
      }));
    }
    Throwable failure = null;
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      nextColumn.set(columns); // helpers stop taking new columns
    }
    for (int h = 0; h < helpers; h++) {
      if (claimed.get(h).compareAndSet(false, true)) {
        continue; // never started, and now never will: nothing to wait for
      }
      Throwable t = awaitUninterruptibly(futures.get(h));
      failure = failure == null ? t : failure;
    }
    if (failure != null) {
      Arrays.stream(out).filter(v -> v != null).forEach(FieldVector::close);
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(failure);
    }
    List<FieldVector> vectors = Arrays.asList(out);
    return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, count);
  }

  /**
   * Waits for a running helper (it reads the caller's batch, so the caller must not go on before it
   * ends, even when interrupted; the interrupt is kept); returns what it threw, or null.
   */
  private static Throwable awaitUninterruptibly(Future<?> f) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return null;
        } catch (ExecutionException e) {
          return e.getCause();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
