package io.quiver.executor.storage;

import java.io.IOException;

/**
 * A remote storage request that failed (S3 said no, kept failing, or could not be reached), as opposed
 * to bytes that were read but make no sense. Its message is one user-readable reason, without the
 * location (callers name it). Readers use {@link #find} to tell "cannot read" from "corrupt".
 */
public class StorageIOException extends IOException {
  private final boolean notFound;

  public StorageIOException(String reason, boolean notFound, Throwable cause) {
    super(reason, cause);
    this.notFound = notFound;
  }

  /** Whether the file or its bucket does not exist. */
  public boolean notFound() {
    return notFound;
  }

  /** The first storage failure in {@code t}'s cause chain, or null. */
  public static StorageIOException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof StorageIOException s) {
        return s;
      }
    }
    return null;
  }
}
