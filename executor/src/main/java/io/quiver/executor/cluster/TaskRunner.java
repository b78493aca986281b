package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.runtime.TableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs {@link TaskSpec}s on the local engine, on a worker: builds the task's fragment with
 * {@link PlanExecutor} (its scan reading the task's {@link SplitShare}, its
 * {@link io.quiver.executor.plan.StageInputNode} leaves reading {@link StageInputs} through the
 * worker's {@link BlockFetcher}), cuts the output with a {@link Partitioner}, collects each partition
 * as evenly sized batches ({@link BlockBuilder}) and stores one block per output partition in the
 * worker's {@link BlockStorage} (every partition, empty ones too, so every block a result names exists).
 */
public final class TaskRunner implements AutoCloseable {
  private final BufferAllocator allocator;
  private final ExecutorService pool;
  private final BlockStorage store;
  private final BlockFetcher fetcher;
  private final TableStore tables;
  /** Running tasks by query id, so {@link #cancel} reaches them. */
  private final Map<String, Set<ExecContext>> running = new ConcurrentHashMap<>();

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

  /** Runs the task to its end on the calling thread; its blocks are stored when this returns. */
  public TaskResult run(TaskSpec spec) {
    int partitions = Math.max(1, spec.output().count());
    Schema schema = spec.fragment().schema();
    long[] rows = new long[partitions];
    long[] bytes = new long[partitions];
    try (BufferAllocator a = allocator.newChildAllocator("task " + key(spec), 0, Long.MAX_VALUE)) {
      ExecContext ctx = new ExecContext(a, spec.settings(), pool, tables);
      ctx.attachment(SplitShare.class, () -> new SplitShare(spec.task(), spec.taskCount()));
      ctx.attachment(StageInputs.class, () -> new StageInputs(spec.inputs(), fetcher));
      running.computeIfAbsent(spec.queryId(), q -> ConcurrentHashMap.newKeySet()).add(ctx);
      List<BlockBuilder> out = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        out.add(new BlockBuilder(schema, ctx.batchSize(), a));
      }
      try {
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
        ctx.checkCancelled();
        for (int p = 0; p < partitions; p++) {
          BlockId id = new BlockId(spec.queryId(), spec.stage(), spec.task(), spec.attempt(), p);
          List<VectorSchemaRoot> batches = out.get(p).finish();
          rows[p] = out.get(p).rows();
          bytes[p] = out.get(p).bytes();
          store.put(id.ticket(), schema, batches);
        }
      } finally {
        running.getOrDefault(spec.queryId(), Set.of()).remove(ctx);
        out.forEach(BlockBuilder::close);
      }
    }
    return new TaskResult(rows, bytes, "");
  }

  private static String key(TaskSpec s) {
    return s.queryId() + "/" + s.stage() + "/" + s.task() + "/" + s.attempt();
  }

  /** Cancels the query's running tasks (they fail with "Query cancelled."). */
  public void cancel(String queryId) {
    running.getOrDefault(queryId, Set.of()).forEach(ExecContext::cancel);
  }

  /** Cancels every running task. */
  public void cancelAll() {
    running.values().forEach(s -> s.forEach(ExecContext::cancel));
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
