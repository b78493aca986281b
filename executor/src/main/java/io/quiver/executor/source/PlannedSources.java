package io.quiver.executor.source;

import io.quiver.executor.ExecContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The table function sources one statement created while it was planned (to learn their schemas), kept
 * so that its execution reads through the same ones. Creating a source does the I/O that tells its
 * schema: listing a folder (10,000 images: ~50 ms), reading Parquet footers, sampling CSV rows. Without
 * this, every query did that twice, once to plan and once to run, on the critical path before any
 * reader starts; a hand-written program does it once. Reusing the planning-time source also means the
 * files a query reads are the ones its schema came from.
 *
 * <p>Per statement only, never across statements: a query must see the files as they are when it runs.
 * The session makes a new instance (or clears it) for every statement and attaches a
 * {@link #snapshot()} to the query's {@link ExecContext}; {@link #source(ExecContext, String, Map)}
 * falls back to a new source for calls the planner did not resolve (or when nothing is attached).
 */
public final class PlannedSources {
  private final Map<String, TableSource> sources = new ConcurrentHashMap<>();

  /** The schema of a table function call, creating (and keeping) its source on first use. */
  public Schema schema(String function, Map<String, Object> args, Map<String, String> settings) {
    return source(function, args, settings).schema();
  }

  /**
   * The source of a table function call, created on first use with the session {@code settings} (S3
   * configuration); settings do not change within a statement, so they are not part of the key.
   */
  public TableSource source(String function, Map<String, Object> args, Map<String, String> settings) {
    return sources.computeIfAbsent(key(function, args), k -> Sources.create(function, args, settings));
  }

  /** Forgets every source (a new statement begins); queries already running keep their snapshot. */
  public void clear() {
    sources.clear();
  }

  /** A copy holding the sources planned so far, for one query's context. */
  public PlannedSources snapshot() {
    PlannedSources copy = new PlannedSources();
    copy.sources.putAll(sources);
    return copy;
  }

  /**
   * The source a query's plan reads for a table function call: the one planning created when the
   * query's context has them attached, else a new one.
   */
  public static TableSource source(ExecContext ctx, String function, Map<String, Object> args) {
    PlannedSources planned = ctx.attachmentOrNull(PlannedSources.class);
    return planned != null ? planned.source(function, args, ctx.settings())
        : Sources.create(function, args, ctx.settings());
  }

  private static String key(String function, Map<String, Object> args) {
    return function + args;
  }
}
