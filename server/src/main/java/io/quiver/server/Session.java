package io.quiver.server;

/** Placeholder: one user's session; runs one statement at a time. */
public final class Session implements AutoCloseable {
  public StatementResult execute(String sql) {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void close() {}
}
