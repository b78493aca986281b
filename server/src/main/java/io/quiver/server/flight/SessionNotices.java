package io.quiver.server.flight;

/**
 * The Flight action {@value #ACTION}: a client fetches its session's notices (see
 * {@link io.quiver.server.Session#drainNotices()}), e.g. that a worker was lost while its query ran and
 * the lost work ran again elsewhere. Flight SQL has no channel for such warnings, so Quiver's shell asks
 * after every statement; each result's body is one notice in UTF-8. Other Flight SQL clients never call
 * it and lose nothing: their answers are the same.
 */
public final class SessionNotices {
  /** The action's type. */
  public static final String ACTION = "quiver.notices";

  private SessionNotices() {}
}
