package io.quiver.server.flight;

import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One logged-in client (one JDBC connection): its engine {@link Session} (settings, tables, functions),
 * its prepared statements, and the results waiting to be fetched. Statements of one client are planned
 * one at a time (the session is single-threaded); their results stream concurrently.
 */
final class ClientSession implements AutoCloseable {
  final String id;
  final String user;
  final Session session;
  final Map<String, PreparedQuery> prepared = new ConcurrentHashMap<>();
  final Map<String, StatementResult> pending = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long lastUsed = System.nanoTime();

  ClientSession(String id, String user, Session session) {
    this.id = id;
    this.user = user;
    this.session = session;
  }

  /** Runs session work under the session's lock. */
  <T> T locked(Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  void touch() {
    lastUsed = System.nanoTime();
  }

  boolean idleLongerThan(long nanos) {
    return System.nanoTime() - lastUsed > nanos;
  }

  /** Stops every statement of this client that is running. */
  void cancelAll() {
    pending.values().forEach(StatementResult::cancel);
    session.cancelRunning();
  }

  @Override
  public void close() {
    cancelAll();
    pending.values().forEach(r -> {
      try {
        r.close();
      } catch (RuntimeException ignored) {
        // closing is best effort; the engine checks for leaks when it closes
      }
    });
    pending.clear();
    prepared.clear();
    session.close();
  }
}
