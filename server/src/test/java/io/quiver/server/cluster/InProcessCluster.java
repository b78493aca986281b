package io.quiver.server.cluster;

import io.quiver.executor.cluster.InProcessWorkerClient;
import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerInfo;
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
  private final List<MemoryBlockStorage> stores = new ArrayList<>();

  /** Attaches {@code count} workers of {@code cpus} CPUs each to {@code engine}. */
  public InProcessCluster(QuiverEngine engine, int count, double cpus) {
    this.engine = engine;
    this.allocator = engine.newAllocator("workers");
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "in-process-worker");
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < count; i++) {
      MemoryBlockStorage store = new MemoryBlockStorage(allocator);
      stores.add(store);
      WorkerInfo info = new WorkerInfo("w" + (i + 1), "", cpus, 0, 1L << 30, Map.of());
      workers.add(new InProcessWorkerClient(info, allocator, pool, store, this::worker));
    }
    engine.useWorkers(() -> List.copyOf(workers));
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
    return stores.stream().mapToInt(MemoryBlockStorage::size).sum();
  }

  @Override
  public void close() {
    engine.useWorkers(null);
    workers.forEach(InProcessWorkerClient::close);
    stores.forEach(MemoryBlockStorage::close);
    pool.shutdownNow();
    allocator.close();
  }
}
