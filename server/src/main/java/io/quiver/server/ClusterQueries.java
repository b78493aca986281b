package io.quiver.server;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.sink.StagedOutput;
import io.quiver.planner.StagePrinter;
import io.quiver.planner.stages.StagePlan;
import io.quiver.planner.stages.StagePlanner;
import io.quiver.server.cluster.ClusterScheduler;
import io.quiver.server.cluster.ClusterTable;
import io.quiver.server.cluster.StageRun;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A session's queries on the cluster: plans stages, runs them on the engine's {@link ClusterScheduler},
 * and keeps the session's tables that live on the workers (CREATE TABLE AS) until they are dropped.
 */
final class ClusterQueries implements AutoCloseable {
  private final Session session;
  private final ClusterScheduler scheduler;
  private final Map<String, ClusterTable> tables = new ConcurrentHashMap<>();

  ClusterQueries(Session session, ClusterScheduler scheduler) {
    this.session = session;
    this.scheduler = scheduler;
  }

  /**
   * The settings a query's tasks run with: the session's, with a seed drawn for the query when the
   * session has none, so every task (and every retry) lists a shuffled source's files in the same order.
   */
  private Map<String, String> querySettings() {
    Map<String, String> s = new java.util.HashMap<>(session.settings().snapshot());
    s.putIfAbsent("seed", Long.toString(new java.util.Random().nextLong() >>> 1));
    return s;
  }

  /**
   * Tells the session of every worker lost while a query of it runs, until the returned stop runs (the shell prints it after the
   * statement, also over {@code --connect}); the query itself re-runs the lost work and answers as usual.
   */
  private Runnable watchLosses() {
    java.util.function.Consumer<String> listener = id -> session.notice("Worker " + id + " was lost during the "
        + "query; its tasks and the blocks it held were run again on the other workers.");
    scheduler.onWorkerLost(listener);
    return () -> scheduler.removeWorkerLostListener(listener);
  }

  private StagePlanner planner(Map<String, String> settings) {
    int slots = scheduler.taskSlots();
    // A task per worker CPU, each running its pipelines one at a time.
    return new StagePlanner(slots, slots, Long.parseLong(settings.get("seed")), name -> {
      ClusterTable t = tables.get(name);
      return t == null ? null : t.blocks().size();
    }, 1);
  }

  StagePlan stages(PhysicalNode plan) {
    return planner(querySettings()).plan(plan);
  }

  /** EXPLAIN on the cluster: the stages, then the coordinator's fragment. */
  List<String> explain(PhysicalNode plan) {
    return StagePrinter.lines(stages(plan));
  }

  /** EXPLAIN ANALYZE on the cluster: runs the query, then the stages with rows, re-runs and time each. */
  List<String> explainAnalyze(PhysicalNode plan) {
    ExecContext ctx = session.newContext(querySettings());
    StageRun run = null;
    Runnable unwatch = watchLosses();
    try {
      StagePlan stages = planner(ctx.settings()).plan(plan);
      run = scheduler.run(newId("q"), stages, null, tables::get, ctx, ctx.settings());
      long rows = 0;
      long batches = 0;
      try (BatchStream s = run.top()) {
        org.apache.arrow.vector.VectorSchemaRoot b;
        while ((b = s.next()) != null) {
          rows += b.getRowCount();
          batches++;
          b.close();
        }
      }
      List<String> out = new java.util.ArrayList<>(StagePrinter.lines(stages, run.stageNotes()));
      // Stages stream into the coordinator's fragment: "first input" is when its first batch arrived.
      out.add("-- coordinator: rows=" + rows + " batches=" + batches + " time=" + run.elapsedMs() + " ms"
          + (run.firstResultInputMs() >= 0 ? " (first input at +" + run.firstResultInputMs() + " ms)" : ""));
      return out;
    } finally {
      if (run != null) {
        run.close();
      }
      unwatch.run();
      session.release(ctx);
    }
  }

  /** Starts the query's stages and streams the top fragment's rows as the stages produce them. */
  StatementResult query(PhysicalNode plan) {
    ExecContext ctx = session.newContext(querySettings());
    StageRun run = null;
    BatchStream stream;
    Runnable unwatch = watchLosses();
    try {
      StagePlan stages = planner(ctx.settings()).plan(plan);
      run = scheduler.run(newId("q"), stages, null, tables::get, ctx, ctx.settings());
      stream = run.top();
    } catch (RuntimeException e) {
      if (run != null) {
        run.close();
      }
      unwatch.run();
      session.release(ctx);
      throw e;
    }
    StageRun r = run;
    return StatementResult.rows(new UserErrors(stream, plan.schema()), () -> {
      ctx.cancel();
      r.close();
      unwatch.run();
      session.release(ctx);
    }, ctx::cancel);
  }

  /**
   * A COPY whose files the workers write: plans the query with its last worker stage wrapped by
   * {@code writer} (a {@link io.quiver.executor.plan.CopyWriteNode}), runs it, and returns the files the
   * tasks staged, one per row of the result (a lost or re-run attempt's files are not among them: each
   * task's first successful attempt that is still reachable counts). Null, with nothing run, when the query
   * ends on the coordinator in one copy anyway (see {@link StagePlanner#planWrite}).
   */
  List<StagedOutput> write(PhysicalNode plan, UnaryOperator<PhysicalNode> writer) {
    ExecContext ctx = session.newContext(querySettings());
    StageRun run = null;
    Runnable unwatch = watchLosses();
    try {
      StagePlan stages = planner(ctx.settings()).planWrite(plan, writer);
      if (stages == null) {
        return null;
      }
      run = scheduler.run(newId("q"), stages, null, tables::get, ctx, ctx.settings());
      try (BatchStream rows = run.top()) {
        return StagedOutput.read(rows);
      }
    } finally {
      ctx.cancel();
      if (run != null) {
        run.close();
      }
      unwatch.run();
      session.release(ctx);
    }
  }

  /** CREATE TABLE AS on the cluster: the last stage's blocks stay on the workers as the table. */
  long createTable(String name, PhysicalNode plan) {
    ExecContext ctx = session.newContext(querySettings());
    String tableId = newId("t");
    StageRun run = null;
    Runnable unwatch = watchLosses();
    try {
      StagePlan stages = planner(ctx.settings()).planTable(plan);
      run = scheduler.run(newId("q"), stages, tableId, tables::get, ctx, ctx.settings());
      run.awaitDone();
      ClusterTable t = new ClusterTable(name, tableId, plan.schema(), run.lastStageBlocks(), run.lastStageRows());
      drop(name);
      tables.put(name, t);
      return t.rows();
    } catch (RuntimeException e) {
      releaseEverywhere(tableId);
      throw e;
    } finally {
      if (run != null) {
        run.close();
      }
      unwatch.run();
      session.release(ctx);
    }
  }

  /** Drops a table kept on the workers (no-op for other names). */
  void drop(String name) {
    ClusterTable t = tables.remove(name);
    if (t != null) {
      releaseEverywhere(t.id());
    }
  }

  private void releaseEverywhere(String id) {
    for (WorkerClient w : scheduler.live()) {
      try {
        w.release(id);
      } catch (RuntimeException ignored) {
        // a lost worker's blocks are gone anyway
      }
    }
  }

  private static String newId(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public void close() {
    List.copyOf(tables.keySet()).forEach(this::drop);
  }
}
