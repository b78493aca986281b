package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.cluster.TaskResult;
import io.quiver.executor.cluster.TaskSpec;
import io.quiver.executor.runtime.TableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A minimal task executor for worker processes until the cluster's {@code TaskRunner} is wired in: runs
 * the whole fragment with {@link PlanExecutor} and keeps its output as one block in {@link
 * MemoryBlocks}. Only {@link Partitioning.Kind#SINGLE} output is supported, and fragments must not read
 * other stages.
 */
public final class FragmentTaskExecutor implements TaskExecutor {
  private final BufferAllocator allocator;
  private final ExecutorService pool;
  private final MemoryBlocks blocks;
  private final TableStore tables;
  private final Map<String, Set<ExecContext>> running = new ConcurrentHashMap<>();

  /** @param allocator where output blocks live (a child of the worker's root) */
  public FragmentTaskExecutor(BufferAllocator allocator, ExecutorService pool, MemoryBlocks blocks) {
    this.allocator = allocator;
    this.pool = pool;
    this.blocks = blocks;
    this.tables = new TableStore(allocator);
  }

  /** The services of a worker that uses this executor and {@code blocks}. */
  public WorkerServices services() {
    return new WorkerServices(this, blocks, this::cancel, q -> blocks.dropPrefix(q + "/"));
  }

  @Override
  public TaskResult run(TaskSpec task) {
    if (task.output().kind() != Partitioning.Kind.SINGLE) {
      throw new QuiverException("This worker runs only tasks with SINGLE output (the cluster TaskRunner is not "
          + "wired in yet); task " + task.stage() + "." + task.task() + " asks for " + task.output().kind() + ".");
    }
    ExecContext ctx = new ExecContext(allocator, task.settings(), pool, tables);
    Set<ExecContext> mine = running.computeIfAbsent(task.queryId(), q -> ConcurrentHashMap.newKeySet());
    mine.add(ctx);
    List<VectorSchemaRoot> out = new ArrayList<>();
    long rows = 0;
    long bytes = 0;
    try (BatchStream s = PlanExecutor.execute(task.fragment(), ctx)) {
      VectorSchemaRoot b;
      while ((b = s.next()) != null) {
        out.add(b);
        rows += b.getRowCount();
        for (FieldVector v : b.getFieldVectors()) {
          bytes += v.getBufferSize();
        }
      }
      BlockId id = new BlockId(task.queryId(), task.stage(), task.task(), task.attempt(), 0);
      blocks.put(id.ticket(), task.fragment().schema(), out);
      return new TaskResult(new long[] {rows}, new long[] {bytes}, "");
    } catch (RuntimeException e) {
      out.forEach(VectorSchemaRoot::close);
      throw e;
    } finally {
      mine.remove(ctx);
    }
  }

  /** Cancels the query's running tasks. */
  public void cancel(String queryId) {
    Set<ExecContext> s = running.get(queryId);
    if (s != null) {
      s.forEach(ExecContext::cancel);
    }
  }
}
