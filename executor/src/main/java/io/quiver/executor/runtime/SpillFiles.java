package io.quiver.executor.runtime;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spill files of this JVM: where they go ({@code spill_dir}, default
 * {@code java.io.tmpdir/quiver-spill-<pid>}), creating and deleting them, and process-wide counters.
 * Every file still alive when the JVM exits is deleted by a shutdown hook (and the default directory
 * too when it is then empty), so a crashed query leaves nothing behind on a normal exit.
 */
public final class SpillFiles {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static final AtomicLong FILES_CREATED = new AtomicLong();
  private static final AtomicLong BYTES_WRITTEN = new AtomicLong();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SpillFiles::deleteAll, "quiver-spill-cleanup"));
  }

  private SpillFiles() {}

  /** The default spill directory of this process. */
  public static Path defaultDir() {
    return Paths.get(System.getProperty("java.io.tmpdir"), "quiver-spill-" + ProcessHandle.current().pid());
  }

  /** The directory a setting names, or the default one when it is null or blank. */
  public static Path dir(String setting) {
    return setting == null || setting.isBlank() ? defaultDir() : Paths.get(setting.trim());
  }

  /** A new, empty spill file in {@code dir} (created if needed); delete it with {@link #delete}. */
  public static Path create(Path dir, String kind) {
    try {
      Files.createDirectories(dir);
      Path f = Files.createTempFile(dir, "quiver-" + kind + "-", ".arrow");
      LIVE.add(f);
      FILES_CREATED.incrementAndGet();
      return f;
    } catch (IOException e) {
      throw new QuiverException("Cannot create a spill file in " + dir + " (setting spill_dir): " + e.getMessage(), e);
    }
  }

  /** Deletes a spill file (no error if it is already gone). */
  public static void delete(Path file) {
    if (file == null) {
      return;
    }
    LIVE.remove(file);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void wrote(long bytes) {
    BYTES_WRITTEN.addAndGet(bytes);
  }

  /** Spill files created by this JVM so far. */
  public static long filesCreated() {
    return FILES_CREATED.get();
  }

  /** Bytes written to spill files by this JVM so far. */
  public static long bytesWritten() {
    return BYTES_WRITTEN.get();
  }

  /** Spill files of this JVM not deleted yet. */
  public static int liveFiles() {
    return LIVE.size();
  }

  private static void deleteAll() {
    for (Path f : LIVE) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException | RuntimeException ignored) {
        // best effort at exit
      }
    }
    try {
      Files.deleteIfExists(defaultDir());
    } catch (IOException | RuntimeException ignored) {
      // not empty (another store's files) or already gone
    }
  }
}
