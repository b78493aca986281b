package io.quiver.planner.stages;

import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.plan.PhysicalNode;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One stage of a {@link StagePlan}: {@code taskCount} copies of {@code fragment}, whose outputs are cut
 * by {@code output} for the stages reading them; {@code inputs} are the stages its
 * {@link io.quiver.executor.plan.StageInputNode} leaves read. How a consumer's task {@code j} reads a
 * producer: a SINGLE producer feeds one consumer task, which reads partition 0 of every task in task
 * order; a HASH, RANDOM or BROADCAST producer of count {@code c} feeds {@code c} consumer tasks, task
 * {@code j} reading partition {@code j} of every task.
 *
 * <p>A <em>table stage</em> ({@code table != null}, no fragment) stands for a materialized table whose
 * blocks already live on the workers, one block per task: a consumer of as many tasks reads one block
 * per task (where it lives), a consumer of one task reads them all.
 */
public record Stage(int id, PhysicalNode fragment, Partitioning output, int taskCount, List<Integer> inputs,
    String table, Schema schema) {
  public Stage {
    inputs = List.copyOf(inputs);
  }

  public boolean isTable() {
    return table != null;
  }
}
