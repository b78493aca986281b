package io.quiver.executor.storage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM's pool for remote storage requests issued ahead of their reader (parallel Parquet column
 * chunks, read-ahead of whole files). Requests wait on the network, not the CPU, so it has more threads
 * than cores; its threads are daemons and time out when idle.
 */
public final class StorageIO {
  /** Remote requests in flight at once across the JVM. */
  public static final int THREADS = 16;

  private static final ExecutorService POOL = create();

  private StorageIO() {}

  public static ExecutorService pool() {
    return POOL;
  }

  private static ExecutorService create() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "quiver-storage-io-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
