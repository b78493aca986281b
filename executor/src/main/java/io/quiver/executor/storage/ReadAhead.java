package io.quiver.executor.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Whole-file reads for a reader that goes through a list of files in order (images, binary files). On
 * remote storage, where every file is a request, the next {@value #WINDOW} files are fetched in parallel
 * on {@link StorageIO}'s pool while the reader decodes; on local disk it reads each file when asked.
 * Not thread-safe: one reader.
 */
public final class ReadAhead implements AutoCloseable {
  /** Files fetched ahead of the reader at most (their bytes are held until read). */
  public static final int WINDOW = 8;

  private final Storage storage;
  private final List<String> files;
  private final boolean remote;
  private final Map<Integer, Future<byte[]>> inFlight = new HashMap<>();
  private int submitted;

  public ReadAhead(Storage storage, List<String> files) {
    this.storage = storage;
    this.files = files;
    this.remote = !(storage instanceof LocalStorage);
  }

  /** The content of {@code files.get(index)}; indexes should come in increasing order. */
  public byte[] read(int index) throws IOException {
    if (!remote) {
      return storage.readAll(files.get(index));
    }
    submitted = Math.max(submitted, index);
    while (submitted < files.size() && submitted < index + WINDOW) {
      String file = files.get(submitted);
      inFlight.put(submitted++, StorageIO.pool().submit(() -> storage.readAll(file)));
    }
    Future<byte[]> f = inFlight.remove(index);
    if (f == null) {
      return storage.readAll(files.get(index)); // asked out of order
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + files.get(index));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Cancels the reads nobody will ask for (an early close, e.g. under LIMIT). */
  @Override
  public void close() {
    inFlight.values().forEach(f -> f.cancel(true));
    inFlight.clear();
    submitted = files.size();
  }
}
