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
