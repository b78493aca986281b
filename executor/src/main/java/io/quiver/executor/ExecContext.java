package io.quiver.executor;

import io.quiver.executor.runtime.TableStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Everything one query's operators share: the Arrow allocator that accounts its memory, the session
 * settings, the thread pool, materialized tables and the cancellation flag.
 */
public final class ExecContext {
  private final BufferAllocator allocator;
  private final Map<String, String> settings;
  private final ExecutorService pool;
  private final TableStore tables;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();

  public ExecContext(BufferAllocator allocator, Map<String, String> settings, ExecutorService pool,
      TableStore tables) {
    this.allocator = allocator;
    this.settings = Map.copyOf(settings);
    this.pool = pool;
    this.tables = tables;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  public ExecutorService pool() {
    return pool;
  }

  public TableStore tables() {
    return tables;
  }

  /** All session settings the query runs with (a cluster task gets the same). */
  public Map<String, String> settings() {
    return settings;
  }

  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  /** Rows per batch that operators aim for ({@code target_block_size}, in rows). */
  public int batchSize() {
    return Integer.parseInt(setting("batch_size", "65536"));
  }

  /** Threads a parallel pipeline may use ({@code threads}, default: all cores). */
  public int parallelism() {
    return Integer.parseInt(setting("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
  }

  /** The session seed if {@code SET seed} was given, else null (fresh randomness per query). */
  public Long seed() {
    String s = settings.get("seed");
    return s == null ? null : Long.parseLong(s);
  }

  /**
   * Per-query state kept by other parts of the executor (UDF reservations, EXPLAIN ANALYZE metrics),
   * one object per type, created on first use.
   */
  public <T> T attachment(Class<T> type, Supplier<T> create) {
    return type.cast(attachments.computeIfAbsent(type, t -> create.get()));
  }

  /** The attachment of this type, or null when none was made. */
  public <T> T attachmentOrNull(Class<T> type) {
    return type.cast(attachments.get(type));
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Throws if the query was cancelled; operators call this between batches. */
  public void checkCancelled() {
    if (cancelled.get()) {
      throw new QuiverException("Query cancelled.");
    }
  }
}
