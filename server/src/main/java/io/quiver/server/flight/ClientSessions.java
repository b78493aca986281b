package io.quiver.server.flight;

import io.quiver.server.QuiverEngine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The logged-in clients: a random bearer token per login, mapped to a {@link ClientSession}. A token
 * expires after {@code ttl} without use; its session is then closed (tables and functions dropped).
 */
final class ClientSessions implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final QuiverEngine engine;
  private final long ttlNanos;
  private final Map<String, ClientSession> byToken = new ConcurrentHashMap<>();
  private final Map<String, ClientSession> byId = new ConcurrentHashMap<>();
  private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "quiver-session-reaper");
    t.setDaemon(true);
    return t;
  });

  ClientSessions(QuiverEngine engine, Duration ttl) {
    this.engine = engine;
    this.ttlNanos = ttl.toNanos();
    long every = Math.max(100, Math.min(60_000, ttl.toMillis() / 4));
    reaper.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
  }

  /** Opens a session for a user who just logged in; returns {id, token}. */
  String[] open(String user) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String id = UUID.randomUUID().toString();
    ClientSession s = new ClientSession(id, user, engine.newSession());
    byToken.put(token, s);
    byId.put(id, s);
    return new String[] {id, token};
  }

  /** The session id of a live token (and marks it used), or null if unknown or expired. */
  String idForToken(String token) {
    ClientSession s = byToken.get(token);
    if (s == null || s.idleLongerThan(ttlNanos)) {
      return null;
    }
    s.touch();
    return s.id;
  }

  /** The session of an authenticated call's peer identity, or null. */
  ClientSession get(String id) {
    ClientSession s = id == null ? null : byId.get(id);
    if (s != null) {
      s.touch();
    }
    return s;
  }

  /** Ends a session at the client's request (CloseSession). */
  void close(String id) {
    ClientSession s = byId.remove(id);
    if (s != null) {
      byToken.values().remove(s);
      s.close();
    }
  }

  int size() {
    return byId.size();
  }

  private void expire() {
    byToken.forEach((token, s) -> {
      if (s.idleLongerThan(ttlNanos) && s.pending.isEmpty()) {
        byToken.remove(token);
        byId.remove(s.id);
        s.close();
      }
    });
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    byId.values().forEach(ClientSession::close);
    byId.clear();
    byToken.clear();
  }
}
