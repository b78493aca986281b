package io.quiver.executor.cluster;

import java.util.Map;

/**
 * A worker as the coordinator knows it: its id, the Flight address it serves blocks and tasks on
 * ({@code host:port}; empty for an in-process worker), and the resources it advertised.
 *
 * @param memoryBytes the worker's memory budget for blocks and operator state (spill beyond it)
 * @param resources custom resources by name, e.g. {@code {"tpu": 2.0}}
 */
public record WorkerInfo(String id, String address, double cpus, double gpus, long memoryBytes,
    Map<String, Double> resources) {
  public WorkerInfo {
    resources = Map.copyOf(resources);
  }

  /**
   * How a worker whose first registration is this one registers again the {@code n}-th time its
   * coordinator forgot it (it missed heartbeats, e.g. during a long pause): under a new id, as a new
   * member, so the coordinator keeps counting the blocks and tasks of the earlier registration as lost
   * (they were re-run meanwhile) yet gives the process new work.
   */
  public WorkerInfo rejoined(int n) {
    return new WorkerInfo(id + "+" + n, address, cpus, gpus, memoryBytes, resources);
  }

  /** Whether {@code id} names the process whose first id was {@code baseId} (any registration of it). */
  public static boolean sameProcess(String id, String baseId) {
    return id.equals(baseId) || id.startsWith(baseId + "+");
  }
}
