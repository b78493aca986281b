package io.quiver.executor.cluster.flight;

/** The Flight action types a worker answers (bodies described per constant). */
public final class WorkerActions {
  private WorkerActions() {}

  /**
   * Body: a TaskCodec task; results: an empty one once the task's blocks exist (open: consumers may
   * stream them from then on), then a TaskCodec result once they are all sealed.
   */
  public static final String SUBMIT = "submit";
  /** Body: a query id (UTF-8); cancels its running tasks (or a task key {@code queryId/stage/task/attempt}: that task). */
  public static final String CANCEL = "cancel";
  /** Body: a query id (UTF-8); drops its blocks. */
  public static final String RELEASE = "release";
  /** Body: a jar's SHA-256 in hex; result: "1" when the worker has it. */
  public static final String HAS_JAR = "hasJar";
  /** Body: 64 hex characters of SHA-256, then the jar's bytes. */
  public static final String PUT_JAR = "putJar";
  /** No body; result: the worker's id. A liveness check. */
  public static final String PING = "ping";
}
