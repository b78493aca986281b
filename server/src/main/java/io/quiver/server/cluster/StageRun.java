package io.quiver.server.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.StageInputNode;
import io.quiver.planner.stages.Stage;
import io.quiver.planner.stages.StagePlan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One query's run on the cluster, driven by its own thread. Stages stream into each other: a stage's
 * tasks start as soon as every task of the stages it reads is <em>placed</em> (running or done) and a
 * slot is free, and read their producers' blocks while those are still being written (see {@link
 * io.quiver.executor.cluster.BlockStorage}). Waiting for placement, not for the end, keeps streaming
 * free of deadlock: a consumer only ever waits for producers that already hold their slots, and
 * producers never wait for consumers (their blocks are kept in the worker's store, not in a bounded
 * channel), so every producer runs to its end. Tasks are placed stage by stage in plan order, so a
 * producer waiting for a slot gets it before any consumer.
 *
 * <p>Faults (lineage): a task attempt whose worker is lost — running or done, its blocks died with it —
 * is run again elsewhere, and every <em>running</em> attempt that reads it (and, in turn, those reading
 * them) is abandoned and run again too (cancelled on its worker, its late answer ignored), so no
 * consumer mixes rows of two attempts of a producer. An attempt that finished read its inputs to their
 * sealed ends and stays valid. The coordinator's top fragment is handled by {@link ResultStream}.
 * "Placed" means the worker said the attempt started (its blocks exist, open), so a consumer is never
 * handed a block that does not exist yet. Closing the run stops its thread and releases the query's blocks on every worker.
 *
 * <p>Back-pressure, honestly: a producing task never waits for its consumers. It appends to its
 * worker's block store, which keeps every block until the query ends (lineage re-runs of a consumer read
 * them again), so a slow consumer makes blocks accumulate there, bounded by the store's memory budget
 * and then by spilling sealed blocks to disk (open blocks stay in memory until sealed, as a task's whole
 * output did before streaming). Between a worker's store and a consumer in another process, {@code
 * DoGet} sends a batch only when the consumer's gRPC flow-control window has room ({@code
 * FlightBackpressure}), so a slow reader holds the rest in the store, not in transport buffers. The
 * coordinator's result holds its output until it is safe (see {@link ResultStream}).
 */
public final class StageRun implements AutoCloseable {
  /** A finished (or failed) task attempt, as the run's thread receives it. */
  private record Completion(Attempt attempt, TaskResult result, Throwable error) {}

  private final ClusterScheduler scheduler;
  private final String queryId;
  private final StagePlan plan;
  private final String tableId;
  private final ExecContext ctx;
  private final Map<String, String> settings;
  private final int lastStage;
  private final long startNanos = System.nanoTime();
  /** The current attempt of each task and the stages' stats; guarded by {@code this} (see there). */
  private final StageAttempts attempts;
  /** The blocks consumers read; {@code blocksFor} guarded by {@code this}, like {@link #attempts}. */
  private final ConsumerBlocks blocks;
  /** Attempts made per task, per stage (the run's thread only). */
  private final Map<Integer, int[]> tried = new HashMap<>();
  /** Tasks to (re-)run, per stage (the run's thread only). */
  private final Map<Integer, Deque<Integer>> todo = new HashMap<>();
  private final Map<Integer, TaskDemand> demands = new HashMap<>();
  /** Attempts in flight whose answer counts (the run's thread only). */
  private final Set<Attempt> running = new LinkedHashSet<>();
  private final BlockingQueue<Completion> done = new LinkedBlockingQueue<>();
  private volatile RuntimeException failure;
  private volatile boolean closed;
  /** No re-runs are needed any more: the top fragment has all it reads, or the run has no top fragment. */
  private volatile boolean resultSafe;
  private volatile long firstResultInputNanos = -1;
  private Thread thread;

  StageRun(ClusterScheduler scheduler, String queryId, StagePlan plan, String tableId,
      Function<String, ClusterTable> tables, ExecContext ctx, Map<String, String> settings) {
    this.scheduler = scheduler;
    this.queryId = queryId;
    this.plan = plan;
    this.tableId = tableId;
    this.ctx = ctx;
    this.settings = settings;
    this.lastStage = plan.stages().isEmpty() ? -1 : plan.stages().get(plan.stages().size() - 1).id();
    this.attempts = new StageAttempts(plan, startNanos);
    this.blocks = new ConsumerBlocks(scheduler, plan, attempts, tables);
    for (Stage s : plan.stages()) {
      tried.put(s.id(), new int[s.taskCount()]);
      Deque<Integer> tasks = new ArrayDeque<>();
      if (!s.isTable()) {
        for (int t = 0; t < s.taskCount(); t++) {
          tasks.add(t);
        }
      }
      todo.put(s.id(), tasks);
    }
  }

  /** Checks what can be checked up front, then starts the run's thread. */
  void start() {
    for (Stage s : plan.stages()) {
      if (s.isTable()) {
        blocksFor(s, s.taskCount(), 0); // checks the table's blocks are there
        continue;
      }
      TaskDemand demand = TaskDemand.of(s);
      demand.checkSomeWorkerFits(s, scheduler.live().stream().map(WorkerClient::info).toList());
      demands.put(s.id(), demand);
    }
    thread = new Thread(this::drive, "quiver-stages-" + queryId);
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until every stage has finished (e.g. before a CREATE TABLE AS names the last stage's blocks). */
  public synchronized void awaitDone() {
    resultSafe = true; // no top fragment will read: nothing needs re-running once all is done
    while (!allDone()) {
      throwIfFailed();
      waitHere();
    }
  }

  /**
   * The result: the top fragment on the coordinator, streaming from the last stages' blocks as they are
   * written; returns once no lost worker can change it any more (see {@link ResultStream}).
   */
  public BatchStream top() {
    Set<Integer> stages = new TreeSet<>();
    collectInputs(plan.top(), stages);
    if (stages.isEmpty()) {
      awaitDone();
      return PlanExecutor.execute(plan.top(), ctx);
    }
    // Run until the result is safe from lost workers here, so query errors surface where they did when
    // stages ran one after another: from the statement's execution, not from its first row.
    ResultStream result = new ResultStream(this, plan.top(), stages, ctx);
    try {
      result.awaitSafe();
    } catch (RuntimeException | Error e) {
      result.close();
      throw e;
    }
    return result;
  }

  /**
   * Per stage, what EXPLAIN ANALYZE shows: rows written, tasks run (and re-run), when it ran (ms since
   * the query began, so overlapping stages show). Waits for the stages to finish: the result can be
   * complete (all blocks sealed and read) a moment before the last task's answer arrives.
   */
  public synchronized Map<Integer, String> stageNotes() {
    awaitDone();
    return attempts.notes();
  }

  /** When the top fragment got its first input batch, in ms since the run began (-1: not yet). */
  public long firstResultInputMs() {
    long n = firstResultInputNanos;
    return n < 0 ? -1 : StageAttempts.ms(n);
  }

  /** Milliseconds since the run began. */
  public long elapsedMs() {
    return StageAttempts.ms(System.nanoTime() - startNanos);
  }

  /** The blocks of the last stage, one per task: a CREATE TABLE AS's table (after {@link #awaitDone}). */
  public synchronized List<BlockLocation> lastStageBlocks() {
    return attempts.blocksOf(plan.stage(lastStage).id());
  }

  /** Rows the last stage wrote (after {@link #awaitDone}). */
  public synchronized long lastStageRows() {
    return attempts.rowsOf(lastStage);
  }

  // ---- the run's thread ----

  private void drive() {
    try {
      while (!closed) {
        if (ctx.isCancelled()) {
          throw new QuiverException("Query cancelled.");
        }
        strikeLost();
        synchronized (this) {
          if (allDone()) {
            notifyAll();
            if (resultSafe) {
              return;
            }
          }
        }
        place();
        if (running.isEmpty() && todo.values().stream().anyMatch(q -> !q.isEmpty())) {
          if (scheduler.live().isEmpty()) {
            throw noWorkers();
          }
          Thread.sleep(5); // every slot is taken by other queries' tasks
          continue;
        }
        Completion c = done.poll(20, TimeUnit.MILLISECONDS);
        if (c != null) {
          handle(c);
        }
      }
    } catch (InterruptedException e) {
      stop(new QuiverException("Query interrupted.", e));
    } catch (RuntimeException | Error e) {
      stop(e instanceof RuntimeException re ? re : new QuiverException(String.valueOf(e), e));
    }
  }

  /** Re-runs the attempts on workers found lost (by a task, a fetch, the membership or the result). */
  private void strikeLost() {
    List<Attempt> lost;
    synchronized (this) {
      lost = attempts.onLostWorkers(scheduler::isLost);
    }
    lost.forEach(this::rerun);
  }

  /** Makes {@code a} to be run again, abandoning the running attempts that read it, recursively. */
  private void rerun(Attempt a) {
    synchronized (this) {
      if (!attempts.drop(a)) {
        return;
      }
      notifyAll();
    }
    Deque<Integer> q = todo.get(a.stage.id());
    if (!q.contains(a.task)) {
      q.add(a.task);
    }
    if (running.remove(a) && !scheduler.isLost(a.worker)) {
      cancel(a);
    }
    for (Attempt r : List.copyOf(running)) {
      if (r.reads.contains(a.key())) {
        rerun(r);
      }
    }
  }

  private void cancel(Attempt a) {
    WorkerClient w = scheduler.worker(a.worker);
    if (w != null) {
      try {
        w.cancel(a.queryId + "/" + a.key());
      } catch (RuntimeException ignored) {
        // best effort: its blocks are not read any more
      }
    }
  }

  /** Starts the tasks that may start: stages in plan order, each once its inputs are all placed. */
  private void place() {
    for (Stage st : plan.stages()) {
      Deque<Integer> q = todo.get(st.id());
      if (q.isEmpty() || !inputsPlaced(st)) {
        continue;
      }
      TaskDemand demand = demands.get(st.id());
      while (!q.isEmpty()) {
        WorkerClient w = scheduler.place(q.peek(), blocks.preferred(st, q.peek()), demand);
        if (w == null) {
          break;
        }
        int t = q.poll();
        int attempt = tried.get(st.id())[t]++;
        String wid = w.info().id();
        if (attempt >= ClusterScheduler.MAX_ATTEMPTS) {
          scheduler.free(wid, demand);
          throw new QuiverException("Task " + t + " of stage " + st.id() + " was lost " + ClusterScheduler.MAX_ATTEMPTS
              + " times with its workers; giving up on the query.");
        }
        Map<Integer, List<BlockLocation>> inputs;
        try {
          inputs = inputsFor(st, t);
        } catch (RuntimeException e) {
          scheduler.free(wid, demand);
          throw e;
        }
        Set<String> reads = new HashSet<>();
        inputs.values().forEach(l -> l.forEach(b -> reads.add(
            Attempt.key(b.block().stage(), b.block().task(), b.block().attempt()))));
        Attempt a = new Attempt(st, t, attempt, wid, queryIdOf(st), reads);
        synchronized (this) {
          attempts.place(a);
          notifyAll();
        }
        running.add(a);
        TaskSpec spec = new TaskSpec(a.queryId, st.id(), t, st.taskCount(), attempt, st.fragment(), st.output(),
            inputs, settings);
        // The slot is given back as soon as the task ends, also for an attempt abandoned meanwhile.
        try {
          w.submit(spec, () -> {
            synchronized (this) {
              a.started = true;
              notifyAll();
            }
          }).whenComplete((r, e) -> {
            scheduler.free(wid, demand);
            done.add(new Completion(a, r, e));
          });
        } catch (RuntimeException e) {
          scheduler.free(wid, demand);
          done.add(new Completion(a, null, e));
        }
      }
    }
  }

  private void handle(Completion c) {
    Attempt a = c.attempt();
    if (!running.remove(a)) {
      return; // an attempt given up on already
    }
    if (c.error() == null) {
      if (scheduler.isLost(a.worker)) {
        rerun(a);
        return;
      }
      synchronized (this) {
        attempts.finish(a, c.result().rowsPerPartition());
        notifyAll();
      }
      return;
    }
    Throwable e = unwrap(c.error());
    if (!(e instanceof WorkerLostException lostEx)) {
      throw e instanceof RuntimeException re ? re : new QuiverException(String.valueOf(e.getMessage()), e);
    }
    scheduler.markLost(lostEx.workerId());
    rerun(a);
  }

  /** Fails the run with {@code e}: tells the waiters, cancels the query's tasks and waits (briefly) for them. */
  private void stop(RuntimeException e) {
    synchronized (this) {
      failure = e;
      notifyAll();
    }
    cancelEverywhere();
    running.removeIf(a -> scheduler.isLost(a.worker)); // those will not answer
    long deadline = System.currentTimeMillis() + 10_000;
    while (!running.isEmpty() && System.currentTimeMillis() < deadline) {
      try {
        Completion c = done.poll(20, TimeUnit.MILLISECONDS);
        if (c != null) {
          running.remove(c.attempt());
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  // ---- shared with the result stream (any thread) ----

  /** Whether every task of every stage has finished (its current attempt is done). */
  private synchronized boolean allDone() {
    return attempts.allDone();
  }

  /** Whether every task of the stages {@code st} reads has a started current attempt on a live worker. */
  private synchronized boolean inputsPlaced(Stage st) {
    return placed(st.inputs());
  }

  private synchronized boolean placed(Iterable<Integer> stages) {
    return attempts.placed(stages, scheduler::isLost);
  }

  /** The blocks the top fragment reads, per stage, once each of their tasks is placed (waits until then). */
  synchronized Map<Integer, List<BlockLocation>> awaitResultInputs(Set<Integer> stages) {
    while (!placed(stages)) {
      throwIfFailed();
      if (ctx.isCancelled()) {
        throw new QuiverException("Query cancelled.");
      }
      waitHere();
    }
    throwIfFailed();
    Map<Integer, List<BlockLocation>> inputs = new HashMap<>();
    for (int s : stages) {
      inputs.put(s, blocksFor(plan.stage(s), 1, 0));
    }
    return inputs;
  }

  /** Whether {@code b} is a block of a current attempt (or of a table): one the run still stands by. */
  synchronized boolean isCurrent(BlockLocation b) {
    return attempts.isCurrent(b);
  }

  /** Reads a block for the top fragment; waiting on a growing block stops once it is no longer current. */
  BatchStream fetch(BlockLocation b, BufferAllocator allocator, BooleanSupplier stop) {
    WorkerClient w = scheduler.worker(b.workerId());
    if (w == null || scheduler.isLost(b.workerId())) {
      throw new WorkerLostException(b.workerId(), new IllegalStateException("not a live worker"));
    }
    return w.fetch(b.block(), allocator, () -> stop.getAsBoolean() || failure != null || !isCurrent(b));
  }

  /** The top fragment has everything it reads: from now on no lost worker needs a re-run. */
  void resultSafe() {
    resultSafe = true;
  }

  void firstResultInput() {
    if (firstResultInputNanos < 0) {
      firstResultInputNanos = System.nanoTime() - startNanos;
    }
  }

  /** A worker the result found lost: the run's thread re-runs its attempts. */
  void workerLost(String workerId) {
    scheduler.markLost(workerId);
  }

  /** The run's failure, if it failed (its cause is what the result reports rather than a symptom). */
  RuntimeException failure() {
    return failure;
  }

  private void throwIfFailed() {
    RuntimeException f = failure;
    if (f != null) {
      throw f instanceof QuiverException q ? new QuiverException(q.getMessage(), q) : f;
    }
  }

  private void waitHere() {
    try {
      wait(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuiverException("Query interrupted.", e);
    }
  }

  // ---- blocks ----

  /** The id a stage's blocks are kept under: a CREATE TABLE AS's last stage keeps them as the table. */
  private String queryIdOf(Stage st) {
    return st.id() == lastStage && tableId != null ? tableId : queryId;
  }

  /** The blocks task {@code t} of {@code st} reads, per input stage. */
  private Map<Integer, List<BlockLocation>> inputsFor(Stage st, int t) {
    Map<Integer, List<BlockLocation>> in = new HashMap<>();
    for (int s : st.inputs()) {
      in.put(s, blocksFor(plan.stage(s), st.taskCount(), t));
    }
    return in;
  }

  /** What task {@code j} of {@code consumerTasks} reads of {@code producer} (see {@link ConsumerBlocks}). */
  private synchronized List<BlockLocation> blocksFor(Stage producer, int consumerTasks, int j) {
    return blocks.blocksFor(producer, consumerTasks, j);
  }

  private QuiverException noWorkers() {
    return new QuiverException("No workers are left to run the query (every worker of the cluster was lost); "
        + "start workers and run it again.");
  }

  private void cancelEverywhere() {
    for (WorkerClient w : scheduler.live()) {
      try {
        w.cancel(queryId);
        if (tableId != null) {
          w.cancel(tableId);
        }
      } catch (RuntimeException ignored) {
        // best effort: a worker that cannot be reached has nothing running for us any more
      }
    }
  }

  private static void collectInputs(PhysicalNode n, Set<Integer> out) {
    if (n instanceof StageInputNode s) {
      out.add(s.stage());
    }
    n.inputs().forEach(i -> collectInputs(i, out));
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * Stops the run's thread (cancelling the query's tasks if they still run, e.g. the client closed the
   * result early) and drops the query's blocks on every worker (a table's blocks stay).
   */
  @Override
  public void close() {
    boolean early;
    synchronized (this) {
      early = failure == null && !allDone();
      closed = true;
      notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (early) {
      stop(new QuiverException("Query closed."));
    }
    for (WorkerClient w : scheduler.live()) {
      try {
        w.release(queryId);
      } catch (RuntimeException ignored) {
        // a lost worker's blocks are gone anyway
      }
    }
  }
}
