package io.quiver.server.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockFetcher;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.StageInputs;
import io.quiver.executor.cluster.WorkerLostException;
import io.quiver.executor.plan.PhysicalNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The query's result: the coordinator's top fragment reading the last stages' blocks while their tasks
 * still write them (no copy of the blocks to the coordinator first).
 *
 * <p>Hiding a lost worker from the client: rows the client has seen cannot be taken back, and a re-run
 * task need not produce its rows in the same order (actor pools, parallel pipelines), so resuming after
 * the rows already delivered is not safe. So the fragment's output is <em>held</em> on the coordinator
 * (in memory, the same bytes the old "copy the blocks first" kept) until the fragment has read every
 * block it reads to its sealed end; a worker lost before that restarts the fragment from scratch over
 * the re-run attempts (after {@link StageRun} re-ran them), and nothing held is lost but time. From then
 * on no worker matters any more: the held batches, then the rest of the fragment's output, stream to
 * the client. The fragment's own work (a merge, a final aggregation, a LIMIT) thus overlaps the last
 * stage; what waits for the last stage is only the client's first row. A fragment that ends early (a
 * LIMIT) is safe when it ends.
 */
final class ResultStream implements BatchStream {
  private final StageRun run;
  private final PhysicalNode top;
  private final Set<Integer> stages;
  private final ExecContext ctx;
  /** What the fragment's {@link StageInputs} read: refilled with the current attempts' blocks at each (re)start. */
  private final Map<Integer, List<BlockLocation>> inputs = new HashMap<>();
  /** Blocks read to their end by the current start of the fragment (its pipelines may run on pool threads). */
  private final Set<BlockLocation> ended = ConcurrentHashMap.newKeySet();
  private final Deque<VectorSchemaRoot> held = new ArrayDeque<>();
  private BatchStream live;
  private boolean liveEnded;
  private boolean safe;

  ResultStream(StageRun run, PhysicalNode top, Set<Integer> stages, ExecContext ctx) {
    this.run = run;
    this.top = top;
    this.stages = stages;
    this.ctx = ctx;
    BlockFetcher fetcher = new BlockFetcher() {
      @Override
      public BatchStream fetch(BlockLocation location, BufferAllocator allocator) {
        return fetch(location, allocator, () -> false);
      }

      @Override
      public BatchStream fetch(BlockLocation location, BufferAllocator allocator, BooleanSupplier stop) {
        return tracked(location, run.fetch(location, allocator, stop));
      }
    };
    ctx.attachment(StageInputs.class, () -> new StageInputs(inputs, fetcher));
  }

  @Override
  public Schema schema() {
    return top.schema();
  }

  /** Runs the fragment until its output is safe from lost workers (see the class comment). */
  void awaitSafe() {
    if (!safe) {
      runUntilSafe();
    }
  }

  @Override
  public VectorSchemaRoot next() {
    awaitSafe();
    if (!held.isEmpty()) {
      return held.poll();
    }
    if (liveEnded) {
      return null;
    }
    VectorSchemaRoot b = live.next();
    liveEnded = b == null;
    return b;
  }

  /** Runs the fragment, holding its output, until it has read all its inputs; restarts it after a loss. */
  private void runUntilSafe() {
    int restarts = 0;
    while (true) {
      Map<Integer, List<BlockLocation>> now = run.awaitResultInputs(stages);
      inputs.clear();
      inputs.putAll(now);
      ended.clear();
      BatchStream s = null;
      try {
        s = PlanExecutor.execute(top, ctx);
        while (!allEnded(now)) {
          VectorSchemaRoot b = s.next();
          if (b == null) {
            liveEnded = true;
            break;
          }
          held.add(b);
        }
        live = s;
        safe = true;
        run.resultSafe();
        return;
      } catch (RuntimeException e) {
        if (s != null) {
          closeQuietly(s);
        }
        held.forEach(VectorSchemaRoot::close);
        held.clear();
        RuntimeException f = run.failure();
        if (f != null) {
          throw f instanceof QuiverException q ? new QuiverException(q.getMessage(), q) : f;
        }
        WorkerLostException lost = lostIn(e);
        if (lost == null && allCurrent(now)) {
          throw e;
        }
        if (lost != null) {
          run.workerLost(lost.workerId());
        }
        if (++restarts >= 2 * ClusterScheduler.MAX_ATTEMPTS) {
          throw new QuiverException("Reading the query's result failed " + restarts
              + " times because workers were lost (last: " + e.getMessage() + ").", e);
        }
      }
    }
  }

  private boolean allEnded(Map<Integer, List<BlockLocation>> now) {
    for (List<BlockLocation> blocks : now.values()) {
      if (!ended.containsAll(blocks)) {
        return false;
      }
    }
    return true;
  }

  private boolean allCurrent(Map<Integer, List<BlockLocation>> now) {
    for (List<BlockLocation> blocks : now.values()) {
      for (BlockLocation b : blocks) {
        if (!run.isCurrent(b)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A block stream that notes the result's first input batch and the block's end. */
  private BatchStream tracked(BlockLocation location, BatchStream s) {
    return new BatchStream() {
      @Override
      public Schema schema() {
        return s.schema();
      }

      @Override
      public VectorSchemaRoot next() {
        VectorSchemaRoot b = s.next();
        if (b == null) {
          ended.add(location);
        } else {
          run.firstResultInput();
        }
        return b;
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  private static WorkerLostException lostIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof WorkerLostException w) {
        return w;
      }
    }
    return null;
  }

  private static void closeQuietly(BatchStream s) {
    try {
      s.close();
    } catch (RuntimeException ignored) {
      // it failed already
    }
  }

  @Override
  public void close() {
    held.forEach(VectorSchemaRoot::close);
    held.clear();
    if (live != null) {
      live.close();
      live = null;
    }
    liveEnded = true;
  }
}
