package io.quiver.server.cluster;

/** The Flight actions of the coordinator's cluster endpoint. */
final class ClusterActions {
  private ClusterActions() {}

  /** Body: a TaskCodec WorkerInfo; result: the live workers (TaskCodec worker list). */
  static final String REGISTER = "register";
  /** Body: the worker id (UTF-8); result: the live workers, or NOT_FOUND when the worker must register again. */
  static final String HEARTBEAT = "heartbeat";
}
