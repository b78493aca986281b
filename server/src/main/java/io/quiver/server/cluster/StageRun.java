package io.quiver.server.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.cluster.StageInputs;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.StageInputNode;
import io.quiver.planner.stages.Stage;
import io.quiver.planner.stages.StagePlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One query's run on the cluster: runs the stages in order, remembers where each task's blocks live,
 * re-runs lost work (lineage: a stage about to read blocks of a lost worker first re-runs the tasks that
 * made them, recursively), then copies the blocks the top fragment reads to the coordinator and runs it
 * there. Closing it releases the query's blocks on every worker.
 */
public final class StageRun implements AutoCloseable {
  /** Where one finished task's blocks are: its worker, attempt, query id and rows per partition. */
  private record TaskOutput(String worker, int attempt, String queryId, long[] rows) {}

  /** A finished (or failed) task attempt, as the waiting loop receives it. */
  private record Completion(int task, String worker, int attempt, TaskResult result, Throwable error) {}

  private final ClusterScheduler scheduler;
  private final String queryId;
  private final StagePlan plan;
  private final String tableId;
  private final Function<String, ClusterTable> tables;
  private final ExecContext ctx;
  private final Map<String, String> settings;
  private final Map<Integer, TaskOutput[]> outputs = new HashMap<>();
  private final Map<Integer, int[]> attempts = new HashMap<>();
  private final LocalBlocks local = new LocalBlocks();
  private final int lastStage;
  /** Per stage: task attempts started and wall time in ms, for EXPLAIN ANALYZE. */
  private final Map<Integer, long[]> stats = new HashMap<>();

  StageRun(ClusterScheduler scheduler, String queryId, StagePlan plan, String tableId,
      Function<String, ClusterTable> tables, ExecContext ctx, Map<String, String> settings) {
    this.scheduler = scheduler;
    this.queryId = queryId;
    this.plan = plan;
    this.tableId = tableId;
    this.tables = tables;
    this.ctx = ctx;
    this.settings = settings;
    this.lastStage = plan.stages().isEmpty() ? -1 : plan.stages().get(plan.stages().size() - 1).id();
    for (Stage s : plan.stages()) {
      outputs.put(s.id(), new TaskOutput[s.taskCount()]);
      attempts.put(s.id(), new int[s.taskCount()]);
    }
  }

  void runStages() {
    for (Stage s : plan.stages()) {
      if (s.isTable()) {
        blocksFor(s, s.taskCount(), 0); // checks the table's blocks are there
        continue;
      }
      Set<Integer> all = new TreeSet<>();
      for (int t = 0; t < s.taskCount(); t++) {
        all.add(t);
      }
      long start = System.nanoTime();
      runTasks(s, all);
      stats.computeIfAbsent(s.id(), k -> new long[2])[1] += (System.nanoTime() - start) / 1_000_000;
    }
  }

  /** Per stage, what EXPLAIN ANALYZE shows: rows written, tasks run (and re-run), time. */
  public Map<Integer, String> stageNotes() {
    Map<Integer, String> notes = new HashMap<>();
    for (Stage s : plan.stages()) {
      if (s.isTable()) {
        continue;
      }
      long rows = 0;
      for (TaskOutput o : outputs.get(s.id())) {
        if (o != null) {
          for (long r : o.rows()) {
            rows += r;
          }
        }
      }
      long[] st = stats.getOrDefault(s.id(), new long[2]);
      long reruns = st[0] - s.taskCount();
      notes.put(s.id(), "rows=" + rows + (reruns > 0 ? " re-run tasks=" + reruns : "") + " time=" + st[1] + " ms");
    }
    return notes;
  }

  /** The result: the top fragment run on the coordinator over copies of the blocks it reads. */
  public BatchStream top() {
    Map<Integer, List<BlockLocation>> inputs = new HashMap<>();
    for (int attempt = 0; ; attempt++) {
      try {
        Set<Integer> stages = new TreeSet<>();
        collectInputs(plan.top(), stages);
        ensureInputs(stages);
        for (int s : stages) {
          List<BlockLocation> blocks = blocksFor(plan.stage(s), 1, 0);
          inputs.put(s, blocks);
          for (BlockLocation b : blocks) {
            copy(b, plan.stage(s));
          }
        }
        break;
      } catch (WorkerLostException e) {
        scheduler.markLost(e.workerId());
        if (attempt + 1 >= ClusterScheduler.MAX_ATTEMPTS) {
          throw new QuiverException("Reading the query's result failed " + ClusterScheduler.MAX_ATTEMPTS
              + " times because workers were lost (last: " + e.getMessage() + ").", e);
        }
      }
    }
    ctx.attachment(StageInputs.class, () -> new StageInputs(inputs, (loc, a) -> local.open(loc, null, a)));
    return PlanExecutor.execute(plan.top(), ctx);
  }

  private void copy(BlockLocation b, Stage stage) {
    if (local.contains(b)) {
      return;
    }
    WorkerClient w = live(b.workerId());
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try (BatchStream s = w.fetch(b.block(), ctx.allocator())) {
      VectorSchemaRoot r;
      while ((r = s.next()) != null) {
        batches.add(r);
      }
    } catch (RuntimeException e) {
      batches.forEach(VectorSchemaRoot::close);
      throw e;
    }
    local.put(b, batches);
  }

  /** The blocks of the last stage, one per task: a CREATE TABLE AS's table. */
  public List<BlockLocation> lastStageBlocks() {
    Stage s = plan.stage(lastStage);
    List<BlockLocation> out = new ArrayList<>();
    TaskOutput[] o = outputs.get(lastStage);
    for (int i = 0; i < o.length; i++) {
      out.add(new BlockLocation(o[i].worker(), new BlockId(o[i].queryId(), s.id(), i, o[i].attempt(), 0)));
    }
    return out;
  }

  /** Rows the last stage wrote. */
  public long lastStageRows() {
    long n = 0;
    for (TaskOutput o : outputs.get(lastStage)) {
      for (long r : o.rows()) {
        n += r;
      }
    }
    return n;
  }

  /** Runs {@code tasks} of stage {@code st} until each has finished on a live worker. */
  private void runTasks(Stage st, Set<Integer> tasks) {
    TaskOutput[] outs = outputs.get(st.id());
    int[] tried = attempts.get(st.id());
    Deque<Integer> todo = new ArrayDeque<>(tasks);
    // Task -> the attempt running now, and where: a late answer of an abandoned attempt is ignored.
    Map<Integer, Integer> inFlight = new HashMap<>();
    Map<Integer, String> runningOn = new HashMap<>();
    TaskDemand demand = TaskDemand.of(st);
    demand.checkSomeWorkerFits(st, scheduler.live().stream().map(WorkerClient::info).toList());
    BlockingQueue<Completion> done = new LinkedBlockingQueue<>();
    try {
      while (!todo.isEmpty() || !inFlight.isEmpty()) {
        checkCancelled();
        if (!todo.isEmpty()) {
          ensureInputs(st.inputs());
        }
        while (!todo.isEmpty()) {
          WorkerClient w = scheduler.place(todo.peek(), preferred(st, todo.peek()), demand);
          if (w == null) {
            break;
          }
          int t = todo.poll();
          int attempt = tried[t]++;
          stats.computeIfAbsent(st.id(), k -> new long[2])[0]++;
          if (attempt >= ClusterScheduler.MAX_ATTEMPTS) {
            scheduler.free(w.info().id(), demand);
            throw new QuiverException("Task " + t + " of stage " + st.id() + " was lost " + ClusterScheduler.MAX_ATTEMPTS
                + " times with its workers; giving up on the query.");
          }
          TaskSpec spec = new TaskSpec(queryIdOf(st), st.id(), t, st.taskCount(), attempt, st.fragment(), st.output(),
              inputsFor(st, t), settings);
          String wid = w.info().id();
          inFlight.put(t, attempt);
          runningOn.put(t, wid);
          // The slot is given back as soon as the task ends, not when this loop gets to it: a re-run of
          // lost inputs (ensureInputs, below) may be waiting for that slot meanwhile.
          try {
            w.submit(spec).whenComplete((r, e) -> {
              scheduler.free(wid, demand);
              done.add(new Completion(t, wid, attempt, r, e));
            });
          } catch (RuntimeException e) {
            scheduler.free(wid, demand);
            done.add(new Completion(t, wid, attempt, null, e));
          }
        }
        if (inFlight.isEmpty() && !todo.isEmpty()) {
          if (scheduler.live().isEmpty()) {
            throw noWorkers();
          }
          Thread.sleep(5); // every slot is taken by other queries' tasks
          continue;
        }
        Completion c = done.poll(20, TimeUnit.MILLISECONDS);
        if (c == null) {
          // A worker found lost elsewhere (another query, the membership) may never answer: run its
          // tasks again without waiting for it.
          for (int t : List.copyOf(inFlight.keySet())) {
            if (scheduler.isLost(runningOn.get(t))) {
              inFlight.remove(t);
              todo.add(t);
              requeueLost(tasks, outs, todo, inFlight);
            }
          }
          continue;
        }
        if (!Integer.valueOf(c.attempt()).equals(inFlight.get(c.task()))) {
          continue; // an attempt given up on already
        }
        inFlight.remove(c.task());
        if (c.error() == null) {
          if (scheduler.isLost(c.worker())) {
            todo.add(c.task());
          } else {
            outs[c.task()] = new TaskOutput(c.worker(), c.attempt(), queryIdOf(st), c.result().rowsPerPartition());
          }
          continue;
        }
        Throwable e = unwrap(c.error());
        if (!(e instanceof WorkerLostException lostEx)) {
          throw e instanceof RuntimeException re ? re : new QuiverException(String.valueOf(e.getMessage()), e);
        }
        scheduler.markLost(lostEx.workerId());
        todo.add(c.task());
        requeueLost(tasks, outs, todo, inFlight);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stopAfter(inFlight, runningOn, done, new QuiverException("Query interrupted.", e));
    } catch (RuntimeException e) {
      throw stopAfter(inFlight, runningOn, done, e);
    }
  }

  /** Finished tasks of this stage whose blocks lived on a lost worker are lost too: runs them again. */
  private void requeueLost(Set<Integer> tasks, TaskOutput[] outs, Deque<Integer> todo, Map<Integer, Integer> inFlight) {
    for (int t : tasks) {
      if (outs[t] != null && scheduler.isLost(outs[t].worker())) {
        outs[t] = null;
        if (!todo.contains(t) && !inFlight.containsKey(t)) {
          todo.add(t);
        }
      }
    }
  }

  /** The id a stage's blocks are kept under: a CREATE TABLE AS's last stage keeps them as the table. */
  private String queryIdOf(Stage st) {
    return st.id() == lastStage && tableId != null ? tableId : queryId;
  }

  /** Cancels the query's tasks and waits (briefly) until those in flight have stopped. */
  private RuntimeException stopAfter(Map<Integer, Integer> inFlight, Map<Integer, String> runningOn,
      BlockingQueue<Completion> done, RuntimeException e) {
    cancelEverywhere();
    inFlight.keySet().removeIf(t -> scheduler.isLost(runningOn.get(t))); // those will not answer
    long deadline = System.currentTimeMillis() + 10_000;
    while (!inFlight.isEmpty() && System.currentTimeMillis() < deadline) {
      try {
        Completion c = done.poll(20, TimeUnit.MILLISECONDS);
        if (c != null && Integer.valueOf(c.attempt()).equals(inFlight.get(c.task()))) {
          inFlight.remove(c.task());
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return e;
  }

  /** Re-runs the tasks of {@code stages} whose blocks are gone with a lost worker (and, first, theirs). */
  private void ensureInputs(Iterable<Integer> stages) {
    for (int s : stages) {
      Stage p = plan.stage(s);
      if (p.isTable()) {
        continue;
      }
      TaskOutput[] o = outputs.get(s);
      Set<Integer> missing = new TreeSet<>();
      for (int i = 0; i < o.length; i++) {
        if (o[i] == null || scheduler.isLost(o[i].worker())) {
          o[i] = null;
          missing.add(i);
        }
      }
      if (!missing.isEmpty()) {
        runTasks(p, missing);
      }
    }
  }

  /** The blocks task {@code t} of {@code st} reads, per input stage. */
  private Map<Integer, List<BlockLocation>> inputsFor(Stage st, int t) {
    Map<Integer, List<BlockLocation>> in = new HashMap<>();
    for (int s : st.inputs()) {
      in.put(s, blocksFor(plan.stage(s), st.taskCount(), t));
    }
    return in;
  }

  /** What task {@code j} of a consumer of {@code consumerTasks} tasks reads of {@code producer}. */
  private List<BlockLocation> blocksFor(Stage producer, int consumerTasks, int j) {
    if (producer.isTable()) {
      ClusterTable t = tables.apply(producer.table());
      if (t == null) {
        throw new QuiverException("Table '" + producer.table() + "' does not exist.");
      }
      for (BlockLocation b : t.blocks()) {
        if (scheduler.isLost(b.workerId())) {
          throw new QuiverException("Table '" + t.name() + "' lost its blocks with worker " + b.workerId()
              + "; create it again (CREATE OR REPLACE TABLE ... AS).");
        }
      }
      return consumerTasks == 1 ? t.blocks() : List.of(t.blocks().get(j));
    }
    TaskOutput[] o = outputs.get(producer.id());
    int partition = producer.output().kind() == Partitioning.Kind.SINGLE ? 0 : j;
    List<BlockLocation> out = new ArrayList<>();
    for (int i = 0; i < o.length; i++) {
      if (o[i] == null) {
        throw new IllegalStateException("stage " + producer.id() + " task " + i + " has not run");
      }
      if (o[i].rows()[partition] > 0) {
        out.add(new BlockLocation(o[i].worker(), new BlockId(o[i].queryId(), producer.id(), i, o[i].attempt(), partition)));
      }
    }
    return out;
  }

  /** For a task reading one block of a stored table: the worker holding it (else null). */
  private String preferred(Stage st, int t) {
    for (int s : st.inputs()) {
      Stage p = plan.stage(s);
      if (p.isTable() && st.taskCount() > 1) {
        ClusterTable table = tables.apply(p.table());
        if (table != null && t < table.blocks().size()) {
          return table.blocks().get(t).workerId();
        }
      }
    }
    return null;
  }

  private WorkerClient live(String id) {
    WorkerClient w = scheduler.worker(id);
    if (w == null || scheduler.isLost(id)) {
      throw new WorkerLostException(id, new IllegalStateException("not a live worker"));
    }
    return w;
  }

  private QuiverException noWorkers() {
    return new QuiverException("No workers are left to run the query (every worker of the cluster was lost); "
        + "start workers and run it again.");
  }

  private void checkCancelled() {
    if (ctx.isCancelled()) {
      throw new QuiverException("Query cancelled.");
    }
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

  /** Drops the copies and the query's blocks on every worker (a table's blocks stay). */
  @Override
  public void close() {
    local.close();
    for (WorkerClient w : scheduler.live()) {
      try {
        w.release(queryId);
      } catch (RuntimeException ignored) {
        // a lost worker's blocks are gone anyway
      }
    }
  }
}
