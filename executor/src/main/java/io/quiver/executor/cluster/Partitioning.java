package io.quiver.executor.cluster;

/**
 * How a stage's tasks split their output among the consuming stage's {@code count} tasks.
 *
 * <ul>
 *   <li>{@link Kind#SINGLE}: everything to partition 0 (a gather; the consumer reads tasks in task order,
 *       so file order is kept).
 *   <li>{@link Kind#HASH}: rows by the hash of columns {@code keys} (GROUP BY, join keys); equal keys
 *       always land in the same partition, whatever their type's width (hash the value, not the vector).
 *   <li>{@link Kind#RANDOM}: each row to a random partition drawn from {@code seed}, the task index and
 *       the row number, so a seeded query is reproducible ({@code ORDER BY RANDOM()}).
 *   <li>{@link Kind#BROADCAST}: every row to every partition (the small side of a join).
 * </ul>
 */
public record Partitioning(Kind kind, int[] keys, int count, long seed) {
  /** The kinds of exchange. */
  public enum Kind { SINGLE, HASH, RANDOM, BROADCAST }

  /** A gather into one partition. */
  public static Partitioning single() {
    return new Partitioning(Kind.SINGLE, new int[0], 1, 0);
  }

  public static Partitioning hash(int[] keys, int count) {
    return new Partitioning(Kind.HASH, keys.clone(), count, 0);
  }

  public static Partitioning random(int count, long seed) {
    return new Partitioning(Kind.RANDOM, new int[0], count, seed);
  }

  public static Partitioning broadcast(int count) {
    return new Partitioning(Kind.BROADCAST, new int[0], count, 0);
  }
}
