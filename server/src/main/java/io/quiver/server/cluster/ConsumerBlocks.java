package io.quiver.server.cluster;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.BlockId;
import io.quiver.executor.cluster.BlockLocation;
import io.quiver.executor.cluster.Partitioning;
import io.quiver.planner.stages.Stage;
import io.quiver.planner.stages.StagePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which blocks a consumer of a {@link StageRun}'s stage reads: a producer stage's blocks from the
 * current attempts of its tasks (running or done), or a stored table's blocks, and which worker a task
 * reading one table block should prefer.
 *
 * <p>{@link #blocksFor} reads the run's {@link StageAttempts}, so, like them, it must be called holding
 * the owning {@link StageRun}'s monitor; {@link #preferred} reads only the tables.
 */
final class ConsumerBlocks {
  private final ClusterScheduler scheduler;
  private final StagePlan plan;
  private final StageAttempts attempts;
  private final Function<String, ClusterTable> tables;

  ConsumerBlocks(ClusterScheduler scheduler, StagePlan plan, StageAttempts attempts,
      Function<String, ClusterTable> tables) {
    this.scheduler = scheduler;
    this.plan = plan;
    this.attempts = attempts;
    this.tables = tables;
  }

  /**
   * What task {@code j} of a consumer of {@code consumerTasks} tasks reads of {@code producer}: the
   * block of each task's current attempt, running or done (a done one's empty blocks are skipped).
   */
  List<BlockLocation> blocksFor(Stage producer, int consumerTasks, int j) {
    if (producer.isTable()) {
      ClusterTable t = tables.apply(producer.table());
      if (t == null) {
        throw new QuiverException("Table '" + producer.table() + "' does not exist.");
      }
      for (BlockLocation b : t.blocks()) {
        if (scheduler.isLost(b.workerId())) {
          throw new QuiverException("Table '" + t.name() + "' lost its blocks with worker " + b.workerId()
              + "; create it again (CREATE OR REPLACE TABLE ... AS).");
        }
      }
      return consumerTasks == 1 ? t.blocks() : List.of(t.blocks().get(j));
    }
    Attempt[] o = attempts.of(producer.id());
    int partition = producer.output().kind() == Partitioning.Kind.SINGLE ? 0 : j;
    List<BlockLocation> out = new ArrayList<>();
    for (int i = 0; i < o.length; i++) {
      if (o[i] == null) {
        throw new IllegalStateException("stage " + producer.id() + " task " + i + " is not placed");
      }
      if (!o[i].done() || o[i].rows[partition] > 0) {
        out.add(new BlockLocation(o[i].worker, new BlockId(o[i].queryId, producer.id(), i, o[i].attempt, partition)));
      }
    }
    return out;
  }

  /** For a task reading one block of a stored table: the worker holding it (else null). */
  String preferred(Stage st, int t) {
    for (int s : st.inputs()) {
      Stage p = plan.stage(s);
      if (p.isTable() && st.taskCount() > 1) {
        ClusterTable table = tables.apply(p.table());
        if (table != null && t < table.blocks().size()) {
          return table.blocks().get(t).workerId();
        }
      }
    }
    return null;
  }
}
