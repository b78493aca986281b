package io.quiver.executor.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written that nobody can see yet. Write to {@link #out()}, close it, then either
 * {@link #commit()} (the file appears at {@link #location()} whole, e.g. a local rename or an S3
 * multipart upload completed) or {@link #abort()} (the staged bytes are removed). Exactly one of the two
 * must be called.
 *
 * <p>A file started with {@link Storage#createForHandOver} can also be finished by another process: once
 * its stream is closed, {@link #handle()} names the staged bytes, and {@link Storage#resume} on that
 * handle gives a staged file whose commit or abort acts on them (a cluster worker writes, the
 * coordinator commits).
 */
public interface StagedFile {
  /** Where the file appears when committed. */
  String location();

  /** The stream to write the file's bytes to; close it before committing. */
  OutputStream out();

  /** Makes the file visible at {@link #location()}, replacing what was there. */
  void commit() throws IOException;

  /** Drops the staged bytes; safe to call after a failed write or commit, and more than once. */
  void abort();

  /**
   * A string naming the staged bytes after {@link #out()} was closed, for {@link Storage#resume} (in any
   * process with the same storage settings). Only files from {@link Storage#createForHandOver} have one.
   */
  default String handle() {
    throw new UnsupportedOperationException("'" + location() + "' was not staged for handing over");
  }
}
