package io.quiver.server.cluster;

import io.quiver.executor.cluster.InProcessWorkerClient;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.runtime.BlockStore;
import io.quiver.server.QuiverEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;

/**
 * In-process workers attached to an engine, so its sessions run every query through the
 * {@link ClusterScheduler}: the test mode of the cluster. Close it before the engine.
 */
public final class InProcessCluster implements AutoCloseable {
  private final QuiverEngine engine;
  private final BufferAllocator allocator;
  private final ExecutorService pool;
  private final List<InProcessWorkerClient> workers = new CopyOnWriteArrayList<>();
  private final List<BlockStore> stores = new ArrayList<>();
  /** Runs before each task reaches its worker (fault tests kill workers from here). */
  private volatile java.util.function.BiConsumer<InProcessWorkerClient, io.quiver.executor.cluster.TaskSpec> beforeSubmit =
      (w, t) -> {};

  /** Attaches {@code count} workers of {@code cpus} CPUs each to {@code engine}. */
  public InProcessCluster(QuiverEngine engine, int count, double cpus) {
    this(engine, infos(count, cpus));
  }

  private static List<WorkerInfo> infos(int count, double cpus) {
    List<WorkerInfo> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new WorkerInfo("w" + (i + 1), "", cpus, 0, 1L << 30, Map.of()));
    }
    return out;
  }

  /** Attaches workers advertising {@code infos} (ids, CPUs, GPUs, memory, resources) to {@code engine}. */
  public InProcessCluster(QuiverEngine engine, List<WorkerInfo> infos) {
    this.engine = engine;
    this.allocator = engine.newAllocator("workers");
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "in-process-worker");
      t.setDaemon(true);
      return t;
    });
    for (WorkerInfo info : infos) {
      // The workers' real store; a budget no test reaches, so nothing spills.
      BlockStore store = new BlockStore(allocator, 1L << 40,
          java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "quiver-test-blocks-" + info.id()));
      stores.add(store);
      workers.add(new InProcessWorkerClient(info, allocator, pool, store, this::worker));
    }
    List<WorkerClient> hooked = new ArrayList<>();
    for (InProcessWorkerClient w : workers) {
      hooked.add(new Hooked(w));
    }
    engine.useWorkers(() -> hooked);
  }

  /** Workers that take tasks and never answer (a hung process), by id. */
  private final java.util.Set<String> hung = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Makes worker {@code id} accept tasks and never answer, like a hung process. */
  public void hang(String id) {
    hung.add(id);
  }

  /** Calls {@code hook} with the worker and the task before every task submission. */
  public void beforeSubmit(java.util.function.BiConsumer<InProcessWorkerClient, io.quiver.executor.cluster.TaskSpec> hook) {
    this.beforeSubmit = hook;
  }

  /** A worker as the scheduler sees it: the in-process worker behind the submit hook. */
  private final class Hooked implements WorkerClient {
    private final InProcessWorkerClient w;

    Hooked(InProcessWorkerClient w) {
      this.w = w;
    }

    @Override
    public io.quiver.executor.cluster.WorkerInfo info() {
      return w.info();
    }

    @Override
    public java.util.concurrent.CompletableFuture<io.quiver.executor.cluster.TaskResult> submit(
        io.quiver.executor.cluster.TaskSpec task) {
      beforeSubmit.accept(w, task);
      if (hung.contains(w.info().id())) {
        return new java.util.concurrent.CompletableFuture<>();
      }
      return w.submit(task);
    }

    @Override
    public java.util.concurrent.CompletableFuture<io.quiver.executor.cluster.TaskResult> submit(
        io.quiver.executor.cluster.TaskSpec task, Runnable started) {
      beforeSubmit.accept(w, task);
      if (hung.contains(w.info().id())) {
        return new java.util.concurrent.CompletableFuture<>();
      }
      return w.submit(task, started);
    }

    @Override
    public io.quiver.executor.BatchStream fetch(io.quiver.executor.cluster.BlockId block,
        org.apache.arrow.memory.BufferAllocator allocator) {
      return w.fetch(block, allocator);
    }

    @Override
    public io.quiver.executor.BatchStream fetch(io.quiver.executor.cluster.BlockId block,
        org.apache.arrow.memory.BufferAllocator allocator, java.util.function.BooleanSupplier stop) {
      return w.fetch(block, allocator, stop);
    }

    @Override
    public void cancel(String queryId) {
      w.cancel(queryId);
    }

    @Override
    public void release(String queryId) {
      w.release(queryId);
    }

    @Override
    public void close() {
      // the cluster closes its workers
    }
  }

  private WorkerClient worker(String id) {
    for (InProcessWorkerClient w : workers) {
      if (w.info().id().equals(id)) {
        return w;
      }
    }
    throw new io.quiver.executor.cluster.WorkerLostException(id, new IllegalStateException("unknown worker"));
  }

  public List<InProcessWorkerClient> workers() {
    return workers;
  }

  /** Blocks stored on all workers now (0 once every query and table is released). */
  public int storedBlocks() {
    return stores.stream().mapToInt(s -> s.keys().size()).sum();
  }

  @Override
  public void close() {
    engine.useWorkers(null);
    workers.forEach(InProcessWorkerClient::close);
    stores.forEach(BlockStore::close);
    pool.shutdownNow();
    allocator.close();
  }
}
