package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.runtime.TableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs {@link TaskSpec}s on the local engine, on a worker: builds the task's fragment with
 * {@link PlanExecutor} (its scan reading the task's {@link SplitShare}, its
 * {@link io.quiver.executor.plan.StageInputNode} leaves reading {@link StageInputs} through the
 * worker's {@link BlockFetcher}), cuts the output with a {@link Partitioner} and publishes each
 * partition as evenly sized batches ({@link BlockBuilder}) in one block per output partition of the
 * worker's {@link BlockStorage} (every partition, empty ones too, so every block a result names exists).
 *
 * <p>The blocks are created open when the task starts and filled while it runs, so consumers stream
 * them (see {@link BlockStorage}); they are sealed when the task succeeds and failed (readers throw the
 * task's error) when it fails or is cancelled. {@link #cancel} takes a query id (all its tasks here) or
 * one task's {@code queryId/stage/task/attempt} key (the scheduler abandoning that attempt).
 */
public final class TaskRunner implements AutoCloseable {
  private final BufferAllocator allocator;
  private final ExecutorService pool;
  private final BlockStorage store;
  private final BlockFetcher fetcher;
  private final TableStore tables;
  /** Running tasks by query id, then task key, so {@link #cancel} reaches them. */
  private final Map<String, Map<String, ExecContext>> running = new ConcurrentHashMap<>();

  /**
   * @param allocator the parent of each task's allocator (of the same root as the store's)
   * @param pool threads for the fragments' parallel pipelines and actor pools
   */
  public TaskRunner(BufferAllocator allocator, ExecutorService pool, BlockStorage store, BlockFetcher fetcher) {
    this.allocator = allocator;
    this.pool = pool;
    this.store = store;
    this.fetcher = fetcher;
    this.tables = new TableStore(allocator);
  }

  /** Runs the task to its end on the calling thread; its blocks are sealed when this returns. */
  public TaskResult run(TaskSpec spec) {
    return run(spec, () -> {});
  }

  /** As {@link #run(TaskSpec)}, calling {@code started} once its (open) blocks exist. */
  public TaskResult run(TaskSpec spec, Runnable started) {
    int partitions = Math.max(1, spec.output().count());
    Schema schema = spec.fragment().schema();
    long[] rows = new long[partitions];
    long[] bytes = new long[partitions];
    List<String> keys = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      keys.add(new BlockId(spec.queryId(), spec.stage(), spec.task(), spec.attempt(), p).ticket());
    }
    try (BufferAllocator a = allocator.newChildAllocator("task " + key(spec), 0, Long.MAX_VALUE)) {
      ExecContext ctx = new ExecContext(a, spec.settings(), pool, tables);
      ctx.attachment(SplitShare.class, () -> new SplitShare(spec.task(), spec.taskCount()));
      ctx.attachment(StageInputs.class, () -> new StageInputs(spec.inputs(), fetcher));
      running.computeIfAbsent(spec.queryId(), q -> new ConcurrentHashMap<>()).put(key(spec), ctx);
      List<BlockBuilder> out = new ArrayList<>();
      try {
        for (String k : keys) {
          store.create(k, schema);
          out.add(new BlockBuilder(schema, ctx.batchSize(), a, b -> store.append(k, b)));
        }
        started.run();
        try (BatchStream s = PlanExecutor.execute(spec.fragment(), ctx)) {
          Partitioner partitioner = new Partitioner(spec.output(), schema, spec.task(), a);
          VectorSchemaRoot b;
          while ((b = s.next()) != null) {
            if (b.getRowCount() == 0) {
              b.close();
              continue;
            }
            VectorSchemaRoot[] parts = partitioner.split(b);
            for (int p = 0; p < parts.length; p++) {
              if (parts[p] != null) {
                out.get(p).add(parts[p]);
              }
            }
          }
        }
        for (BlockBuilder builder : out) {
          builder.finish();
        }
        ctx.checkCancelled();
        for (int p = 0; p < partitions; p++) {
          rows[p] = out.get(p).rows();
          bytes[p] = out.get(p).bytes();
          store.seal(keys.get(p));
        }
      } catch (RuntimeException | Error e) {
        RuntimeException cause = e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e);
        keys.forEach(k -> store.fail(k, cause));
        throw e;
      } finally {
        running.getOrDefault(spec.queryId(), Map.of()).remove(key(spec));
        out.forEach(BlockBuilder::close);
      }
    }
    return new TaskResult(rows, bytes, "");
  }

  private static String key(TaskSpec s) {
    return s.queryId() + "/" + s.stage() + "/" + s.task() + "/" + s.attempt();
  }

  /**
   * Cancels the query's running tasks (they fail with "Query cancelled."), or only one task when
   * {@code id} is a task key {@code queryId/stage/task/attempt}.
   */
  public void cancel(String id) {
    int slash = id.indexOf('/');
    if (slash < 0) {
      running.getOrDefault(id, Map.of()).values().forEach(ExecContext::cancel);
      return;
    }
    ExecContext task = running.getOrDefault(id.substring(0, slash), Map.of()).get(id);
    if (task != null) {
      task.cancel();
    }
  }

  /** Cancels every running task. */
  public void cancelAll() {
    running.values().forEach(s -> s.values().forEach(ExecContext::cancel));
  }

  /** Forgets a finished query (its blocks are dropped by the store's owner). */
  public void release(String queryId) {
    running.remove(queryId);
  }

  @Override
  public void close() {
    cancelAll();
    tables.close();
  }
}
