package io.quiver.executor.runtime;

import io.quiver.executor.ExecContext;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One query's memory budget ({@code memory_limit}) shared by its spilling operators (hash aggregation,
 * sort, hash join), and where they spill ({@code spill_dir}). Operators reserve what their state takes
 * (Arrow buffers plus an estimate of their Java-heap arrays) through a {@link Reservation}; when a
 * reservation is refused they spill. Thread-safe (parallel partial aggregation reserves from workers).
 */
public final class QueryMemory {
  private final long limit;
  private final Path spillDir;
  private final AtomicLong reserved = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();

  public QueryMemory(long limit, Path spillDir) {
    this.limit = limit;
    this.spillDir = spillDir;
  }

  /** The query's budget, made from its settings on first use. */
  public static QueryMemory of(ExecContext ctx) {
    return ctx.attachment(QueryMemory.class, () -> {
      String s = ctx.setting("memory_limit", null);
      long limit = s == null ? MemoryLimit.defaultBytes() : MemoryLimit.parse(s);
      return new QueryMemory(limit, SpillFiles.dir(ctx.setting("spill_dir", null)));
    });
  }

  public long limit() {
    return limit;
  }

  public Path spillDir() {
    return spillDir;
  }

  /** Bytes reserved now by all operators of the query. */
  public long reserved() {
    return reserved.get();
  }

  /** Bytes the query's operators wrote to spill files. */
  public long spilledBytes() {
    return spilledBytes.get();
  }

  void addSpilled(long bytes) {
    spilledBytes.addAndGet(bytes);
  }

  boolean tryReserve(long bytes) {
    while (true) {
      long r = reserved.get();
      if (r + bytes > limit) {
        return false;
      }
      if (reserved.compareAndSet(r, r + bytes)) {
        return true;
      }
    }
  }

  void forceReserve(long bytes) {
    reserved.addAndGet(bytes);
  }

  void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  /** A new, empty reservation for the operator of {@code node} (its EXPLAIN ANALYZE line shows the spills). */
  public static Reservation reservation(ExecContext ctx, io.quiver.executor.plan.PhysicalNode node) {
    ExecMetrics metrics = ctx.attachmentOrNull(ExecMetrics.class);
    return of(ctx).reservation(metrics == null || node == null ? null : metrics.of(node));
  }

  /** A new, empty reservation of one operator; {@code stats} (may be null) gets its spilled bytes. */
  public Reservation reservation(OperatorStats stats) {
    return new Reservation(this, stats);
  }

  /**
   * What one operator (or one worker of it) holds. {@link #grow} tells whether it may keep its state
   * in memory; an operator always gets a small floor (1/16 of the budget) so that tiny states never
   * spill and many operators cannot starve each other into spilling every batch.
   */
  public static final class Reservation implements AutoCloseable {
    private final QueryMemory memory;
    private final OperatorStats stats;
    private long held;

    Reservation(QueryMemory memory, OperatorStats stats) {
      this.memory = memory;
      this.stats = stats;
    }

    /** Bytes held now. */
    public long held() {
      return held;
    }

    /** The query's budget. */
    public long limit() {
      return memory.limit;
    }

    public Path spillDir() {
      return memory.spillDir;
    }

    /**
     * Sets what the operator's state takes to {@code bytes}; false (and nothing changed) if that would
     * exceed the budget and the operator is past its floor: it should spill, then {@link #resize} down.
     */
    public boolean grow(long bytes) {
      long delta = bytes - held;
      if (delta <= 0) {
        resize(bytes);
        return true;
      }
      if (memory.tryReserve(delta)) {
        held = bytes;
        return true;
      }
      if (bytes <= memory.limit / 16) {
        memory.forceReserve(delta);
        held = bytes;
        return true;
      }
      return false;
    }

    /** Sets the held bytes unconditionally (after spilling, or for the little a merge must keep). */
    public void resize(long bytes) {
      long delta = bytes - held;
      if (delta > 0) {
        memory.forceReserve(delta);
      } else {
        memory.release(-delta);
      }
      held = bytes;
    }

    /** Records bytes written to a spill file (for EXPLAIN ANALYZE and tests). */
    public void spilled(long bytes) {
      memory.addSpilled(bytes);
      if (stats != null) {
        stats.addSpilled(bytes);
      }
    }

    @Override
    public void close() {
      resize(0);
    }
  }
}
