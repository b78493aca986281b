package io.quiver.server;

/** Placeholder: the embedded engine (allocator, thread pool, materialized tables). */
public final class QuiverEngine implements AutoCloseable {
  public Session newSession() {
    throw new UnsupportedOperationException("not built yet");
  }

  @Override
  public void close() {}
}
