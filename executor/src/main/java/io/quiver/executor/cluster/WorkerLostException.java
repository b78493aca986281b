package io.quiver.executor.cluster;

/** A worker stopped answering (process died, connection lost): its work may be re-run elsewhere. */
public final class WorkerLostException extends RuntimeException {
  private final String workerId;

  public WorkerLostException(String workerId, Throwable cause) {
    super("Worker " + workerId + " was lost: " + cause.getMessage(), cause);
    this.workerId = workerId;
  }

  /** The worker that was lost (not necessarily the one that ran the failing call: a fetch names its source). */
  public String workerId() {
    return workerId;
  }
}
