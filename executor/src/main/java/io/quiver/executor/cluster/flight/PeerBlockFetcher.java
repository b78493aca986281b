package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.BlockFetcher;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.BlockStorage;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.cluster.WorkerLostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A worker process's {@link BlockFetcher}: its own blocks come from its store, other workers' blocks
 * over Flight from the peer's address (as the coordinator last listed the live workers), through one
 * cached {@link RemoteWorkerClient} per peer. Opening a peer's block is tried {@link #ATTEMPTS} times,
 * waiting longer each time (a peer the coordinator does not list yet, one that just joined, is listed
 * after our next heartbeat); then the fetch fails with {@link WorkerLostException} naming the peer, so
 * the coordinator re-runs the tasks that made the block.
 * (Errors in the middle of a stream are retried by {@link io.quiver.executor.cluster.StageInputs}.)
 */
public final class PeerBlockFetcher implements BlockFetcher, AutoCloseable {
  /** Tries to open a peer's block before it counts as lost. */
  static final int ATTEMPTS = 3;
  /** Waits between attempts grow by this; together they outlast a heartbeat period (1 s). */
  private static final long BACKOFF_MS = 300;

  private final String selfId;
  private final BlockStorage store;
  private final Supplier<Map<String, WorkerInfo>> peers;
  private final ClusterSecret secret;
  private final BufferAllocator allocator;
  private final UdfJars jars = new UdfJars();
  private final Map<String, RemoteWorkerClient> clients = new ConcurrentHashMap<>();

  /**
   * @param peers the live workers by id, as the coordinator last said
   * @param allocator where Flight receives peer blocks (a child of the root the tasks' allocators share,
   *     so batches move to them without a copy)
   */
  public PeerBlockFetcher(String selfId, BlockStorage store, Supplier<Map<String, WorkerInfo>> peers,
      ClusterSecret secret, BufferAllocator allocator) {
    this.selfId = selfId;
    this.store = store;
    this.peers = peers;
    this.secret = secret;
    this.allocator = allocator;
  }

  @Override
  public BatchStream fetch(BlockLocation location, BufferAllocator into) {
    return fetch(location, into, () -> false);
  }

  /** Own blocks may still be written: read as they grow, waiting until {@code stop}. */
  @Override
  public BatchStream fetch(BlockLocation location, BufferAllocator into, java.util.function.BooleanSupplier stop) {
    if (WorkerInfo.sameProcess(location.workerId(), selfId)) {
      return store.open(location.block().ticket(), into, stop);
    }
    RuntimeException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      RemoteWorkerClient c = null;
      BatchStream s = null;
      try {
        c = client(location.workerId());
        s = c.fetch(location.block(), into);
        s.schema(); // waits for the peer's first answer, so a dead peer is found here, where we retry
        return s;
      } catch (WorkerLostException e) {
        // Also a peer not listed yet: a worker that just joined is listed at our next heartbeat.
        last = e;
        if (s != null) {
          closeQuietly(s);
        }
        if (c != null) {
          forget(location.workerId(), c);
        }
        if (attempt + 1 < ATTEMPTS) {
          sleep(BACKOFF_MS * (attempt + 1));
        }
      }
    }
    throw last;
  }

  private RemoteWorkerClient client(String id) {
    RemoteWorkerClient c = clients.get(id);
    if (c != null && !c.isLost()) {
      return c;
    }
    WorkerInfo info = peers.get().get(id);
    if (info == null) {
      throw new WorkerLostException(id, new IllegalStateException("the coordinator no longer lists it as live"));
    }
    return clients.compute(id, (k, old) -> old != null && !old.isLost() && old.info().equals(info) ? old
        : new RemoteWorkerClient(info, secret, allocator, jars));
  }

  private void forget(String id, RemoteWorkerClient c) {
    if (clients.remove(id, c)) {
      c.close();
    }
  }

  private static void closeQuietly(BatchStream s) {
    try {
      s.close();
    } catch (RuntimeException ignored) {
      // the stream failed already
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(RemoteWorkerClient::close);
    clients.clear();
  }
}
