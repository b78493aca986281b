package io.quiver.executor.cluster;

import io.quiver.executor.plan.PhysicalNode;
import java.util.List;
import java.util.Map;

/**
 * One task: copy {@code task} of {@code taskCount} of stage {@code stage}'s plan {@code fragment}.
 *
 * <p>A scan at the bottom of the fragment reads only this task's share of its splits: the contiguous
 * range {@code [task * n / taskCount, (task + 1) * n / taskCount)} of the source's {@code n} splits, so
 * concatenating the tasks' outputs in task order keeps file order. {@link
 * io.quiver.executor.plan.StageInputNode} leaves read the blocks listed in {@code inputs} under their
 * stage id, in list order. The task's output is cut by {@code output} and kept as blocks named
 * {@code BlockId(queryId, stage, task, attempt, partition)}.
 *
 * @param settings the session settings the query runs with (seed included, so retries are identical)
 */
public record TaskSpec(String queryId, int stage, int task, int taskCount, int attempt,
    PhysicalNode fragment, Partitioning output, Map<Integer, List<BlockLocation>> inputs,
    Map<String, String> settings) {
  public TaskSpec {
    inputs = Map.copyOf(inputs);
    settings = Map.copyOf(settings);
  }
}
