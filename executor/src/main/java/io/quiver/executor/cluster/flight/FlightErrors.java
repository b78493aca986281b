package io.quiver.executor.cluster.flight;

import io.quiver.executor.QuiverException;
import io.quiver.executor.cluster.WorkerLostException;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * What a failed Flight call to a worker means: the worker is gone ({@link WorkerLostException}: the
 * scheduler re-runs its work) or the work failed there ({@link QuiverException}: not retried).
 */
final class FlightErrors {
  /**
   * How a worker says a task failed because another worker it read from is gone: a NOT_FOUND status whose
   * description is this prefix, the lost worker's id, a space and the reason.
   */
  static final String PEER_LOST = "peer lost: ";

  private FlightErrors() {}

  static RuntimeException of(String workerId, FlightRuntimeException e, boolean markedLost) {
    FlightStatusCode code = e.status().code();
    if (markedLost || code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.TIMED_OUT
        || code == FlightStatusCode.CANCELLED) {
      return new WorkerLostException(workerId, e);
    }
    String description = String.valueOf(e.status().description());
    if (code == FlightStatusCode.NOT_FOUND && description.startsWith(PEER_LOST)) {
      String rest = description.substring(PEER_LOST.length());
      int space = rest.indexOf(' ');
      return new WorkerLostException(space < 0 ? rest : rest.substring(0, space), e);
    }
    if (code == FlightStatusCode.UNAUTHENTICATED || code == FlightStatusCode.UNAUTHORIZED) {
      return new QuiverException("Worker " + workerId + " refused this coordinator's cluster secret: check "
          + ClusterSecret.ENV + " or --secret-file on both sides.", e);
    }
    if (code == FlightStatusCode.INVALID_ARGUMENT) {
      return new QuiverException(e.status().description(), e);
    }
    return new QuiverException("Worker " + workerId + " failed: " + e.status().description(), e);
  }
}
