package io.quiver.server;

import io.quiver.udf.tensor.FixedShapeTensorType;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The embedded engine: one Arrow root allocator that accounts all memory, one pool of worker threads,
 * and the sessions opened on it. Closing the engine closes every session and checks that no Arrow
 * memory is left behind.
 */
public final class QuiverEngine implements AutoCloseable {
  private final BufferAllocator allocator;
  private final ExecutorService pool;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  /** Runs queries on workers when set and some are alive; null: everything runs in this process. */
  private volatile io.quiver.server.cluster.ClusterScheduler cluster;

  public QuiverEngine() {
    this(Long.MAX_VALUE);
  }

  /** @param memoryLimit bytes of Arrow memory all queries together may hold */
  public QuiverEngine(long memoryLimit) {
    FixedShapeTensorType.ensureRegistered();
    ImageIO.setUseCache(false);
    this.allocator = new RootAllocator(memoryLimit);
    this.pool = Executors.newCachedThreadPool(daemonThreads());
  }

  public Session newSession() {
    Session s = new Session(this);
    sessions.add(s);
    return s;
  }

  void closed(Session s) {
    sessions.remove(s);
  }

  /**
   * Runs this engine's queries on {@code workers} (asked at every placement, e.g. a membership's live
   * workers) through a {@link io.quiver.server.cluster.ClusterScheduler}; null goes back to running
   * everything in this process. While no worker is alive, sessions run queries here as before.
   */
  public void useWorkers(java.util.function.Supplier<java.util.List<io.quiver.executor.cluster.WorkerClient>> workers) {
    this.cluster = workers == null ? null : new io.quiver.server.cluster.ClusterScheduler(workers);
  }

  /**
   * Runs this engine's queries on the live workers of {@code membership} (worker processes that
   * registered with the coordinator); a worker the membership loses (no heartbeat) is struck off the
   * scheduler at once, so running queries re-run its work on the others instead of waiting.
   */
  public void useCluster(io.quiver.server.cluster.ClusterMembership membership) {
    useWorkers(membership::clients);
    io.quiver.server.cluster.ClusterScheduler scheduler = cluster;
    membership.addListener(new io.quiver.server.cluster.ClusterMembership.Listener() {
      @Override
      public void lost(io.quiver.executor.cluster.WorkerInfo worker, String reason) {
        scheduler.workerLost(worker.id());
      }
    });
  }

  /** The scheduler if the engine has live workers, else null. */
  io.quiver.server.cluster.ClusterScheduler cluster() {
    io.quiver.server.cluster.ClusterScheduler c = cluster;
    return c != null && !c.live().isEmpty() ? c : null;
  }

  /** The scheduler set by {@link #useWorkers}, whether or not workers are alive (null if none was set). */
  public io.quiver.server.cluster.ClusterScheduler scheduler() {
    return cluster;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  ExecutorService pool() {
    return pool;
  }

  /**
   * A child of the engine's allocator for a component that exchanges buffers with queries (the Flight
   * endpoint): buffers move between allocators of one root only. The caller closes it.
   */
  public BufferAllocator newAllocator(String name) {
    return allocator.newChildAllocator(name, 0, Long.MAX_VALUE);
  }

  /** Arrow memory currently held by all sessions and queries, in bytes. */
  public long allocatedMemory() {
    return allocator.getAllocatedMemory();
  }

  /** The most Arrow memory held at once since the engine started, in bytes. */
  public long peakMemory() {
    return allocator.getPeakMemoryAllocation();
  }

  @Override
  public void close() {
    new ArrayList<>(sessions).forEach(Session::close);
    pool.shutdownNow();
    allocator.close();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "quiver-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
