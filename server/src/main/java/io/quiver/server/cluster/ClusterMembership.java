package io.quiver.server.cluster;

import io.quiver.executor.cluster.WorkerClient;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.flight.RemoteWorkerClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The coordinator's view of its workers: a worker joins by registering, stays alive by heartbeating
 * (every second), and is marked lost after {@code lostAfter} without one. Listeners hear about joins and
 * losses; a lost worker's client fails its running calls with {@code WorkerLostException} at once. A lost
 * worker that comes back must register again and is a new member.
 */
public final class ClusterMembership implements AutoCloseable {
  /** Hears about workers joining and being lost (called on the membership's own thread). */
  public interface Listener {
    default void joined(WorkerInfo worker) {}

    default void lost(WorkerInfo worker, String reason) {}
  }

  private record Member(WorkerInfo info, WorkerClient client, long lastHeartbeatNanos) {}

  private final Function<WorkerInfo, WorkerClient> clients;
  private final long lostAfterNanos;
  private final Map<String, Member> live = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService checker;

  /**
   * @param clients makes the client for a worker that joined (a {@link RemoteWorkerClient} for processes)
   * @param lostAfter silence after which a worker is lost (the design says ~3 s; heartbeats come every second)
   */
  public ClusterMembership(Function<WorkerInfo, WorkerClient> clients, Duration lostAfter) {
    this.clients = clients;
    this.lostAfterNanos = lostAfter.toNanos();
    this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "quiver-membership");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(50, lostAfter.toMillis() / 10);
    checker.scheduleAtFixedRate(this::checkNow, period, period, TimeUnit.MILLISECONDS);
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  /** A worker (re-)registers; an older member with the same id is dropped as lost first. */
  public synchronized void register(WorkerInfo info) {
    Member old = live.remove(info.id());
    if (old != null) {
      lose(old, "it registered again");
    }
    live.put(info.id(), new Member(info, clients.apply(info), System.nanoTime()));
    listeners.forEach(l -> l.joined(info));
    notifyAll();
  }

  /** Records a heartbeat; false when the worker is not a member (never registered, or already lost). */
  public boolean heartbeat(String workerId) {
    return live.computeIfPresent(workerId, (id, m) -> new Member(m.info(), m.client(), System.nanoTime())) != null;
  }

  /** The live workers, in no particular order. */
  public List<WorkerInfo> live() {
    return live.values().stream().map(Member::info).toList();
  }

  /** Clients of the live workers. */
  public List<WorkerClient> clients() {
    return live.values().stream().map(Member::client).toList();
  }

  /** The client of a live worker, or null when it is not (or no longer) a member. */
  public WorkerClient client(String workerId) {
    Member m = live.get(workerId);
    return m == null ? null : m.client();
  }

  public boolean isLive(String workerId) {
    return live.containsKey(workerId);
  }

  /** Waits until at least {@code n} workers are live; false on timeout. */
  public synchronized boolean awaitLive(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (live.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Marks lost every worker silent for longer than the limit (runs periodically; public for tests). */
  public void checkNow() {
    long now = System.nanoTime();
    List<Member> silent = new ArrayList<>();
    synchronized (this) {
      for (Member m : live.values()) {
        if (now - m.lastHeartbeatNanos() > lostAfterNanos) {
          silent.add(m);
        }
      }
      silent.forEach(m -> live.remove(m.info().id(), m));
    }
    for (Member m : silent) {
      lose(m, "no heartbeat for " + (now - m.lastHeartbeatNanos()) / 1_000_000 + " ms");
    }
  }

  private void lose(Member m, String reason) {
    if (m.client() instanceof RemoteWorkerClient r) {
      r.markLost();
    }
    for (Listener l : listeners) {
      try {
        l.lost(m.info(), reason);
      } catch (RuntimeException e) {
        // A failing listener must not stop the others or the checker.
      }
    }
    m.client().close();
  }

  @Override
  public void close() {
    checker.shutdownNow();
    live.values().forEach(m -> m.client().close());
    live.clear();
  }
}
