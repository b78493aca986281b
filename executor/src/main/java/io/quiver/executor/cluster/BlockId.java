package io.quiver.executor.cluster;

/**
 * Names one output block of a task: the rows task {@code task} (attempt {@code attempt}) of stage
 * {@code stage} of query {@code queryId} sent to output partition {@code partition}. Its
 * {@link #ticket()} form is the Flight ticket a worker serves it under.
 */
public record BlockId(String queryId, int stage, int task, int attempt, int partition) {
  /** The block as a Flight ticket string, {@code queryId/stage/task/attempt/partition}. */
  public String ticket() {
    return queryId + "/" + stage + "/" + task + "/" + attempt + "/" + partition;
  }

  /** Parses {@link #ticket()}. */
  public static BlockId parse(String ticket) {
    String[] p = ticket.split("/");
    if (p.length != 5) {
      throw new IllegalArgumentException("not a block ticket: " + ticket);
    }
    return new BlockId(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]),
        Integer.parseInt(p[4]));
  }
}
