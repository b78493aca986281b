package io.quiver.benchmarks;

import io.quiver.server.QuiverEngine;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.util.OptionalLong;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Quiver's embedded engine through its façade. One engine and one session serve every query (as one
 * DuckDB connection does on the other side), so planner and JIT warm-up are not charged to each query;
 * after a failed statement the session is dropped and the next query gets a fresh one.
 */
final class QuiverRunner implements EngineRunner {
  private final String name;
  private QuiverEngine engine;
  private Session session;

  /** Embedded Quiver, started at the first query. */
  QuiverRunner() {
    this("Quiver", null);
  }

  /** Runs on {@code engine} (e.g. one with a cluster attached), named {@code name}; closes it at the end. */
  QuiverRunner(String name, QuiverEngine engine) {
    this.name = name;
    this.engine = engine;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long run(String sql, ResultSample sample) {
    return run(sql, sample, true);
  }

  private long run(String sql, ResultSample sample, boolean needsRows) {
    try (StatementResult r = session().execute(sql)) {
      if (!r.hasRows()) {
        if (!needsRows) {
          return 0;
        }
        throw new IllegalStateException("the statement returned a message, not rows: " + r.message());
      }
      long rows = 0;
      VectorSchemaRoot b;
      while ((b = r.stream().next()) != null) {
        try {
          rows += b.getRowCount();
          if (sample != null) {
            sample.offer(b);
          }
        } finally {
          b.close();
        }
      }
      return rows;
    } catch (RuntimeException | Error e) {
      dropSession();
      throw e;
    }
  }

  /** Runs a statement that may return rows (read and dropped), e.g. {@code SET} or {@code CREATE TABLE}. */
  void execute(String sql) {
    run(sql.trim(), null, false);
  }

  private Session session() {
    if (engine == null) {
      engine = new QuiverEngine();
    }
    if (session == null) {
      session = engine.newSession();
    }
    return session;
  }

  private void dropSession() {
    Session s = session;
    session = null;
    if (s != null) {
      try {
        s.close();
      } catch (RuntimeException ignored) {
        // the statement's own error is the one worth reporting
      }
    }
  }

  /** The peak bytes of Arrow memory the engine held at once since it started. */
  OptionalLong arrowPeakBytes() {
    return engine == null ? OptionalLong.empty() : OptionalLong.of(engine.peakMemory());
  }

  @Override
  public void close() {
    dropSession();
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}
