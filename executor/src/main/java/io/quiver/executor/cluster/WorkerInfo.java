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
}
