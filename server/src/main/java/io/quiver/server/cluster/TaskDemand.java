package io.quiver.server.cluster;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.WorkerInfo;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.udf.UdfHints;
import io.quiver.planner.stages.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * What one task of a stage takes from its worker while it runs: one task slot (a CPU) plus what the
 * actor pools of its fragment reserve at least (their minimum actors times each actor's GPUs, memory
 * and custom resources). The scheduler starts a task only where all of it is free, so no worker is
 * over-committed.
 */
record TaskDemand(double gpus, long memory, Map<String, Double> resources) {
  static TaskDemand of(Stage stage) {
    double[] gpus = {0};
    long[] memory = {0};
    Map<String, Double> resources = new HashMap<>();
    if (stage.fragment() != null) {
      collect(stage.fragment(), gpus, memory, resources);
    }
    return new TaskDemand(gpus[0], memory[0], resources);
  }

  private static void collect(PhysicalNode n, double[] gpus, long[] memory, Map<String, Double> resources) {
    if (n instanceof UdfNode u && u.function().hints().isPool()) {
      UdfHints h = u.function().hints();
      int actors = Math.max(1, h.minActors());
      gpus[0] += actors * h.numGpus();
      memory[0] += actors * h.memoryBytes();
      h.resources().forEach((k, v) -> resources.merge(k, actors * v, Double::sum));
    }
    n.inputs().forEach(i -> collect(i, gpus, memory, resources));
  }

  /** Whether the task fits in what {@code worker} has left after {@code used}. */
  boolean fits(WorkerInfo worker, TaskDemand used) {
    if (gpus > 0 && used.gpus + gpus > worker.gpus() + 1e-9) {
      return false;
    }
    if (memory > 0 && used.memory + memory > worker.memoryBytes()) {
      return false;
    }
    for (Map.Entry<String, Double> e : resources.entrySet()) {
      double have = worker.resources().getOrDefault(e.getKey(), 0.0);
      if (used.resources.getOrDefault(e.getKey(), 0.0) + e.getValue() > have + 1e-9) {
        return false;
      }
    }
    return true;
  }

  TaskDemand plus(TaskDemand o, int sign) {
    Map<String, Double> r = new HashMap<>(resources);
    o.resources.forEach((k, v) -> r.merge(k, sign * v, Double::sum));
    return new TaskDemand(gpus + sign * o.gpus, memory + sign * o.memory, r);
  }

  static final TaskDemand NONE = new TaskDemand(0, 0, Map.of());

  /** Fails when no worker could ever run the task, rather than waiting for one forever. */
  void checkSomeWorkerFits(Stage stage, Iterable<WorkerInfo> workers) {
    StringBuilder have = new StringBuilder();
    for (WorkerInfo w : workers) {
      if (fits(w, NONE)) {
        return;
      }
      have.append(have.length() == 0 ? "" : ", ").append(w.id()).append(": ").append(w.gpus()).append(" GPUs, ")
          .append(w.memoryBytes() >> 20).append(" MB, ").append(w.resources());
    }
    throw new QuiverException("Stage " + stage.id() + " needs per task " + gpus + " GPUs, " + (memory >> 20)
        + " MB of UDF memory and resources " + resources + " for its actor pools, but no live worker has that much ("
        + have + ").");
  }
}
