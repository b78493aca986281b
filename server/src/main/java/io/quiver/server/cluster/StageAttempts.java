package io.quiver.server.cluster;

import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.planner.stages.Stage;
import io.quiver.planner.stages.StagePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The bookkeeping of a {@link StageRun}: the current attempt of every task of every stage, and each
 * stage's timing for EXPLAIN ANALYZE ({@link #notes}).
 *
 * <p>Not thread-safe on its own, on purpose: every method must be called holding the owning
 * {@link StageRun}'s monitor, the one its waiters wait on, so that a change and the {@code notifyAll}
 * that announces it stay one step (the run notifies after calling the mutators here).
 */
final class StageAttempts {
  private final StagePlan plan;
  private final long startNanos;
  /** Per stage, the current attempt of each task (null: to run). */
  private final Map<Integer, Attempt[]> current = new HashMap<>();
  /** Per stage: task attempts started, first start and last end (ns since the run began). */
  private final Map<Integer, long[]> stats = new HashMap<>();

  StageAttempts(StagePlan plan, long startNanos) {
    this.plan = plan;
    this.startNanos = startNanos;
    for (Stage s : plan.stages()) {
      current.put(s.id(), new Attempt[s.taskCount()]);
    }
  }

  /** The current attempt of each task of {@code stage} (null entries: to run); null for an unknown stage. */
  Attempt[] of(int stage) {
    return current.get(stage);
  }

  /** Makes {@code a} its task's current attempt, and counts it in its stage's stats. */
  void place(Attempt a) {
    current.get(a.stage.id())[a.task] = a;
    long[] s = stats.computeIfAbsent(a.stage.id(), k -> new long[] {0, System.nanoTime() - startNanos, 0});
    s[0]++;
  }

  /** Makes {@code a}'s task to be run again, if {@code a} is still its current attempt (else false). */
  boolean drop(Attempt a) {
    Attempt[] tasks = current.get(a.stage.id());
    if (tasks[a.task] != a) {
      return false;
    }
    tasks[a.task] = null;
    return true;
  }

  /** Records that {@code a} finished having written {@code rows} per partition. */
  void finish(Attempt a, long[] rows) {
    a.rows = rows;
    stats.get(a.stage.id())[2] = System.nanoTime() - startNanos;
  }

  /** The current attempts on workers that {@code isLost} says are lost. */
  List<Attempt> onLostWorkers(Predicate<String> isLost) {
    List<Attempt> lost = new ArrayList<>();
    for (Attempt[] tasks : current.values()) {
      for (Attempt a : tasks) {
        if (a != null && isLost.test(a.worker)) {
          lost.add(a);
        }
      }
    }
    return lost;
  }

  /** Whether every task of every stage has finished (its current attempt is done). */
  boolean allDone() {
    for (Stage s : plan.stages()) {
      if (s.isTable()) {
        continue;
      }
      for (Attempt a : current.get(s.id())) {
        if (a == null || !a.done()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether every task of {@code stages} has a started (or done) current attempt on a worker not lost. */
  boolean placed(Iterable<Integer> stages, Predicate<String> isLost) {
    for (int s : stages) {
      if (plan.stage(s).isTable()) {
        continue;
      }
      for (Attempt a : current.get(s)) {
        if (a == null || !(a.started || a.done()) || isLost.test(a.worker)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@code b} is a block of a current attempt (or of a table): one the run still stands by. */
  boolean isCurrent(BlockLocation b) {
    Attempt[] tasks = current.get(b.block().stage());
    if (plan.stage(b.block().stage()).isTable()) {
      return true;
    }
    Attempt a = tasks == null || b.block().task() >= tasks.length ? null : tasks[b.block().task()];
    return a != null && a.attempt == b.block().attempt() && a.worker.equals(b.workerId());
  }

  /**
   * Per stage, what EXPLAIN ANALYZE shows: rows written, tasks run (and re-run), when it ran (ms since
   * the query began, so overlapping stages show).
   */
  Map<Integer, String> notes() {
    Map<Integer, String> notes = new HashMap<>();
    for (Stage s : plan.stages()) {
      if (s.isTable()) {
        continue;
      }
      long rows = 0;
      for (Attempt a : current.get(s.id())) {
        if (a != null && a.done()) {
          rows += sum(a.rows);
        }
      }
      long[] st = stats.getOrDefault(s.id(), new long[3]);
      long reruns = st[0] - s.taskCount();
      notes.put(s.id(), "rows=" + rows + (reruns > 0 ? " re-run tasks=" + reruns : "") + " time="
          + ms(st[2] - st[1]) + " ms (from +" + ms(st[1]) + " to +" + ms(st[2]) + " ms)");
    }
    return notes;
  }

  /** The blocks of {@code stage}, one per task (partition 0 of each current attempt; all must be placed). */
  List<BlockLocation> blocksOf(int stage) {
    List<BlockLocation> out = new ArrayList<>();
    for (Attempt a : current.get(stage)) {
      out.add(new BlockLocation(a.worker, new BlockId(a.queryId, stage, a.task, a.attempt, 0)));
    }
    return out;
  }

  /** Rows {@code stage} wrote (every task must be done). */
  long rowsOf(int stage) {
    long n = 0;
    for (Attempt a : current.get(stage)) {
      n += sum(a.rows);
    }
    return n;
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static long sum(long[] values) {
    long n = 0;
    for (long v : values) {
      n += v;
    }
    return n;
  }
}
