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
  private FlightErrors() {}

  static RuntimeException of(String workerId, FlightRuntimeException e, boolean markedLost) {
    FlightStatusCode code = e.status().code();
    if (markedLost || code == FlightStatusCode.UNAVAILABLE || code == FlightStatusCode.TIMED_OUT
        || code == FlightStatusCode.CANCELLED) {
      return new WorkerLostException(workerId, e);
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
