package io.quiver.server;

/**
 * A live snapshot of one operator of a running query, for progress displays: rows and batches it has
 * produced so far (summed over the parallel copies of its pipeline) and, for a UDF actor pool, how many
 * actors are alive, how many are inside a call right now and how many batches wait for a free actor
 * (backpressure: the pool is the bottleneck while batches queue up).
 *
 * @param depth the operator's depth in the plan tree (0 = the root), for indenting
 * @param operator a short name, e.g. {@code Scan read_images}, {@code ActorPool classify}, {@code HashJoin}
 * @param started false while the operator has not been asked for a batch yet
 * @param pool true for a UDF actor pool (the last three values are then meaningful)
 */
public record OperatorProgress(int depth, String operator, boolean started, long rows, long batches, long millis,
    boolean pool, int actors, int busyActors, int queuedBatches) {

  /** Alive actors that are not in a call right now. */
  public int idleActors() {
    return Math.max(0, actors - busyActors);
  }
}
