package io.quiver.server.flight;

import io.quiver.executor.QuiverException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * Maps failures to Flight statuses with a one-paragraph message and nothing else: no stack trace, no
 * cause, no internal class names beyond a short hint for bugs.
 */
final class FlightErrors {
  private FlightErrors() {}

  static FlightRuntimeException of(Throwable e) {
    if (e instanceof FlightRuntimeException f) {
      return f;
    }
    if (e instanceof QuiverException q) {
      String m = q.getMessage();
      CallStatus status = m != null && m.startsWith("Query cancelled") ? CallStatus.CANCELLED : CallStatus.INVALID_ARGUMENT;
      return status.withDescription(m).toRuntimeException();
    }
    if (e instanceof IllegalArgumentException) {
      return CallStatus.INVALID_ARGUMENT.withDescription(e.getMessage()).toRuntimeException();
    }
    return CallStatus.INTERNAL.withDescription("Internal error (" + e.getClass().getSimpleName()
        + "). This is a bug in Quiver; please report it with the statement.").toRuntimeException();
  }

  static FlightRuntimeException notFound(String what) {
    return CallStatus.NOT_FOUND.withDescription(what).toRuntimeException();
  }
}
