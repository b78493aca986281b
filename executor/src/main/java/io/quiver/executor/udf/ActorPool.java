package io.quiver.executor.udf;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.runtime.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A pool of long-lived actors for one UDF call in one query. Each actor is one instance of the function
 * on its own thread, opened once and reused for every batch it takes from the pool's queue. The pool
 * starts with the actors the query reserved for it (all of them up to {@code max} at once when its input
 * says much is ahead: {@link #expectBatches}), grows toward {@code max} while batches wait in the
 * queue (and the {@link ResourceBudget} has room), and shrinks back when actors sit idle
 * ({@code udf_idle_ms}, default 500 ms). Results complete each task's future; callers keep the order.
 */
public final class ActorPool implements AutoCloseable {
  /** One batch to compute; {@code result} completes with the vector, or null if the batch was skipped. */
  public record Task(List<FieldVector> args, int rows, String origin, CompletableFuture<FieldVector> result) {}

  private final UdfSpec spec;
  private final ExecContext ctx;
  private final ResourceBudget budget;
  private final ResourceBudget.Request one;
  private final BatchRunner runner;
  private final PoolStats stats;
  private final long idleMillis;
  private final int floor;
  private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger nextIndex = new AtomicInteger();
  private int liveActors;
  private int reservedActors;
  private volatile boolean closed;
  private volatile Throwable failure;

  /**
   * @param reserved actors already reserved for this pool in {@code budget} (at least 1); the pool owns
   *     and releases them
   */
  public ActorPool(UdfSpec spec, Field output, ExecContext ctx, ResourceBudget budget, int reserved, PoolStats stats) {
    this.spec = spec;
    this.ctx = ctx;
    this.budget = budget;
    this.one = ResourceBudget.Request.of(spec.hints());
    this.stats = stats;
    this.runner = new BatchRunner(spec, output, ctx, stats);
    this.idleMillis = Long.parseLong(ctx.setting("udf_idle_ms", "500"));
    this.floor = reserved;
    stats.watchQueue(queue::size);
    synchronized (this) {
      reservedActors = reserved;
      for (int i = 0; i < reserved; i++) {
        startActor();
      }
    }
  }

  /** Queues a batch; may add an actor when batches are waiting. */
  public void submit(Task task) {
    if (failure != null) {
      throw asUserError(failure);
    }
    queue.add(task);
    maybeGrow();
  }

  /**
   * Told how many batches are about to come ({@link io.quiver.executor.BatchStream#batchesAhead()}, -1 if
   * unknown): when that is enough to give every actor up to {@code max} two batches, starts them all now,
   * as far as the budget has room, rather than one at a time as the queue builds up. Opening an actor
   * (loading a model, its first call) is slow, so one that starts late costs the whole query.
   */
  public synchronized void expectBatches(long ahead) {
    int max = spec.hints().maxActors();
    if (ahead < 2L * max) {
      return;
    }
    while (!closed && liveActors < max && budget.tryAcquire(one)) {
      reservedActors++;
      startActor();
    }
  }

  private synchronized void maybeGrow() {
    if (closed || liveActors >= spec.hints().maxActors() || queue.size() <= liveActors) {
      return;
    }
    if (budget.tryAcquire(one)) {
      reservedActors++;
      startActor();
    }
  }

  private void startActor() {
    liveActors++;
    int index = nextIndex.getAndIncrement();
    Thread t = new Thread(() -> runActor(index), "udf-" + spec.name() + "-actor-" + index);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** Retires the calling actor if the pool has more than it started with; releases its reservation. */
  private synchronized boolean retire() {
    if (liveActors <= floor || closed) {
      return false;
    }
    liveActors--;
    reservedActors--;
    budget.release(one);
    return true;
  }

  private void runActor(int index) {
    long born = System.nanoTime();
    stats.actorStarted();
    UdfInstance instance = null;
    try {
      instance = UdfInstance.open(spec, index, gpuIds(index), ctx);
      long idleSince = System.nanoTime();
      while (!closed) {
        // Short polls, so close() is noticed quickly; idleness is measured across them.
        Task task = queue.poll(20, TimeUnit.MILLISECONDS);
        if (task == null) {
          if (System.nanoTime() - idleSince >= idleMillis * 1_000_000 && retire()) {
            return;
          }
          continue;
        }
        stats.callStarted();
        try {
          task.result().complete(runner.run(instance, task.args(), task.rows(), task.origin()));
        } catch (Throwable e) {
          task.result().completeExceptionally(e);
        } finally {
          stats.callEnded();
        }
        idleSince = System.nanoTime();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      fail(e);
    } finally {
      if (instance != null) {
        try {
          instance.close();
        } catch (RuntimeException e) {
          fail(e);
        }
      }
      stats.actorStopped(System.nanoTime() - born);
      if (closed) {
        synchronized (this) {
          liveActors--;
        }
      }
    }
  }

  /** An actor that cannot start (open() threw) fails the pool: every waiting batch gets the error. */
  private void fail(Throwable e) {
    if (failure == null) {
      failure = e;
    }
    Task t;
    while ((t = queue.poll()) != null) {
      t.result().completeExceptionally(e);
    }
  }

  private int[] gpuIds(int actorIndex) {
    int gpus = (int) Math.ceil(spec.hints().numGpus());
    int total = (int) Math.max(1, budget.total().gpus());
    int[] ids = new int[gpus];
    for (int i = 0; i < gpus; i++) {
      ids[i] = (actorIndex * gpus + i) % total;
    }
    return ids;
  }

  public int liveActors() {
    synchronized (this) {
      return liveActors;
    }
  }

  private static RuntimeException asUserError(Throwable t) {
    return t instanceof RuntimeException re ? re : new QuiverException(String.valueOf(t.getMessage()), t);
  }

  /** Stops the actors (after their current batch), closes their instances and releases the reservation. */
  @Override
  public void close() {
    List<Thread> toJoin;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toJoin = new ArrayList<>(threads);
    }
    Task t;
    while ((t = queue.poll()) != null) {
      t.result().cancel(false);
    }
    for (Thread thread : toJoin) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (this) {
      budget.release(one.times(reservedActors));
      reservedActors = 0;
    }
  }
}
