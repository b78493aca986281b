package io.quiver.executor;

/**
 * An error meant for the user: its message is one paragraph that names what failed and where (file,
 * function, operator). Lower-level exceptions are kept as the cause for logs, never shown raw.
 */
public class QuiverException extends RuntimeException {
  public QuiverException(String message) {
    super(message);
  }

  public QuiverException(String message, Throwable cause) {
    super(message, cause);
  }
}
