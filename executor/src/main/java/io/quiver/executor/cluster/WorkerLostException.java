package io.quiver.executor.cluster;

/** A worker stopped answering (process died, connection lost): its work may be re-run elsewhere. */
public final class WorkerLostException extends RuntimeException {
  public WorkerLostException(String workerId, Throwable cause) {
    super("Worker " + workerId + " was lost: " + cause.getMessage(), cause);
  }
}
