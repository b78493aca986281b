package io.quiver.server.cluster;

import io.quiver.executor.ExecContext;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.planner.stages.StagePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs {@link StagePlan}s on a set of workers. Stages stream into each other: a stage's tasks start
 * once every task of the stages they read is running or done (see {@link StageRun}), each on the live
 * worker with the most free task slots (one slot per advertised CPU, never more tasks at once). A worker found lost (a call or a fetch throws
 * {@link io.quiver.executor.cluster.WorkerLostException}) is struck off for good; its tasks and the
 * finished tasks whose blocks it held are re-run on the others (see {@link StageRun}).
 */
public final class ClusterScheduler {
  /** Attempts per task before the query fails. */
  static final int MAX_ATTEMPTS = 4;

  private final Supplier<List<WorkerClient>> workers;
  private final Set<String> lost = ConcurrentHashMap.newKeySet();
  /** Tasks in flight per worker, over all queries. */
  private final Map<String, Integer> busy = new java.util.HashMap<>();
  /** What those tasks' actor pools reserve per worker. */
  private final Map<String, TaskDemand> reserved = new java.util.HashMap<>();
  private final List<Consumer<String>> lostListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** @param workers the cluster's workers now (e.g. the membership's live ones); asked at every placement */
  public ClusterScheduler(Supplier<List<WorkerClient>> workers) {
    this.workers = workers;
  }

  /** The workers not known to be lost. */
  public List<WorkerClient> live() {
    List<WorkerClient> out = new ArrayList<>();
    for (WorkerClient w : workers.get()) {
      if (!lost.contains(w.info().id())) {
        out.add(w);
      }
    }
    return out;
  }

  /** How many tasks the live workers run at once: the tasks per leaf stage and hash partitions. */
  public int taskSlots() {
    int n = 0;
    for (WorkerClient w : live()) {
      n += slots(w);
    }
    return Math.max(1, n);
  }

  static int slots(WorkerClient w) {
    return Math.max(1, (int) Math.floor(w.info().cpus()));
  }

  /**
   * Takes a task slot and {@code demand} on the live worker with the most free slots where the demand
   * fits (the {@code preferred} one if it has room), or returns null when none has room now. Every
   * task placed is given back with {@link #free}.
   */
  synchronized WorkerClient place(int task, String preferred, TaskDemand demand) {
    List<WorkerClient> live = live();
    if (live.isEmpty()) {
      throw new io.quiver.executor.QuiverException("No workers are left to run the query (every worker of the "
          + "cluster was lost); start workers and run it again.");
    }
    WorkerClient best = null;
    int bestFree = 0;
    for (int i = 0; i < live.size(); i++) {
      WorkerClient w = live.get((i + task) % live.size());
      String id = w.info().id();
      int free = slots(w) - busy.getOrDefault(id, 0);
      if (free <= 0 || !demand.fits(w.info(), reserved.getOrDefault(id, TaskDemand.NONE))) {
        continue;
      }
      if (id.equals(preferred)) {
        best = w;
        break;
      }
      if (free > bestFree) {
        best = w;
        bestFree = free;
      }
    }
    if (best != null) {
      busy.merge(best.info().id(), 1, Integer::sum);
      reserved.merge(best.info().id(), demand, (a, b) -> a.plus(b, 1));
    }
    return best;
  }

  /** Gives back what {@link #place} took for one task. */
  synchronized void free(String workerId, TaskDemand demand) {
    busy.merge(workerId, -1, Integer::sum);
    reserved.merge(workerId, demand, (a, b) -> a.plus(b, -1));
  }

  WorkerClient worker(String id) {
    for (WorkerClient w : workers.get()) {
      if (w.info().id().equals(id)) {
        return w;
      }
    }
    return null;
  }

  boolean isLost(String workerId) {
    return lost.contains(workerId) || worker(workerId) == null;
  }

  /**
   * Tells the scheduler a worker is gone (e.g. the membership missed its heartbeats): running queries
   * stop waiting for its tasks and run them, and the blocks it held, elsewhere.
   */
  public void workerLost(String workerId) {
    markLost(workerId);
  }

  /** Strikes a worker off (once) and tells the listeners, e.g. the shell prints that it was lost. */
  void markLost(String workerId) {
    if (lost.add(workerId)) {
      lostListeners.forEach(l -> l.accept(workerId));
    }
  }

  /** Called with a worker's id when a query finds it lost. */
  public void onWorkerLost(Consumer<String> listener) {
    lostListeners.add(listener);
  }

  /** Stops calling a listener given to {@link #onWorkerLost}. */
  public void removeWorkerLostListener(Consumer<String> listener) {
    lostListeners.remove(listener);
  }

  /**
   * Starts running the plan's stages and returns the run at once: its {@link StageRun#top} streams the
   * result while the stages run, {@link StageRun#awaitDone} waits for them.
   *
   * @param tableId for CREATE TABLE AS, the id the last stage's blocks are kept under (else null)
   * @param tables the blocks of tables kept on the workers, by name
   * @param ctx the coordinator's context of the query (settings, allocator for fetched blocks, cancel)
   */
  public StageRun run(String queryId, StagePlan plan, String tableId, Function<String, ClusterTable> tables,
      ExecContext ctx, Map<String, String> settings) {
    StageRun run = new StageRun(this, queryId, plan, tableId, tables, ctx, settings);
    try {
      run.start();
      return run;
    } catch (RuntimeException | Error e) {
      run.close();
      throw e;
    }
  }
}
