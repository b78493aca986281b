package io.quiver.executor.cluster.flight;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A worker's UDF jars, stored under its cache directory as {@code HEX.jar} by content hash (see {@link
 * UdfJars}); received plans' jar names are resolved to these local files.
 */
public final class JarCache {
  private final Path dir;

  public JarCache(Path dir) {
    this.dir = dir;
  }

  /** True when the jar with this hash is stored already (so the coordinator need not send it). */
  public boolean contains(String hash) {
    return Files.isRegularFile(file(hash));
  }

  /** Stores a received jar after checking that its content has the announced hash. */
  public void put(String hash, byte[] jar) {
    String actual = UdfJars.sha256(jar);
    if (!actual.equals(hash)) {
      throw new QuiverException("A UDF jar arrived damaged: its SHA-256 is " + actual + ", expected " + hash + ".");
    }
    if (contains(hash)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      // Written aside and moved into place, so a concurrent reader never sees half a jar.
      Path tmp = Files.createTempFile(dir, hash, ".part");
      Files.write(tmp, jar);
      Files.move(tmp, file(hash), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new QuiverException("Cannot store a UDF jar in the worker's cache " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The local path for a jar name in a received plan: {@code sha256:HEX} names resolve here, others stay. */
  public String localPath(String wireName) {
    if (!wireName.startsWith(UdfJars.PREFIX)) {
      return wireName;
    }
    String hash = wireName.substring(UdfJars.PREFIX.length());
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new QuiverException("Not a UDF jar hash: " + wireName);
    }
    if (!contains(hash)) {
      throw new QuiverException("The UDF jar " + wireName + " was not sent to this worker before its task.");
    }
    return file(hash).toString();
  }

  private Path file(String hash) {
    return dir.resolve(hash + ".jar");
  }
}
