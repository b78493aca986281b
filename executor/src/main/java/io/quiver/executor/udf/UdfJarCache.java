package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.FileStat;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The engine's private copies of UDF jars, local and remote alike: each jar is copied (or, on
 * {@code s3://}, downloaded) once into a cache folder and named by the SHA-256 of its bytes, so the same
 * content under any path or URI is one file there. Functions and class loaders ({@link JarClassLoaders})
 * use only these copies, so deleting or rebuilding the user's jar after {@code CREATE FUNCTION} does not
 * break the function (nor another function whose jar has the same content); a jar replaced at its path
 * or URI (new size or modification time, or a new ETag) is copied again. The folder is
 * {@code -Dquiver.jarCache}, by default {@code quiver-udf-jars} in the temporary directory.
 */
public final class UdfJarCache {
  private record Version(String location, long size, String version) {}

  private static final Pattern CACHED_NAME = Pattern.compile("[0-9a-f]{64}\\.jar");
  private static final Map<Version, Path> COPIED = new ConcurrentHashMap<>();

  private UdfJarCache() {}

  /** The folder the private copies are kept in. */
  public static Path cacheDir() {
    return Path.of(System.getProperty("quiver.jarCache",
        Path.of(System.getProperty("java.io.tmpdir"), "quiver-udf-jars").toString()));
  }

  /** The private copy of a local jar (itself when it already is one). */
  public static Path copyOf(Path localJar) {
    Path abs = localJar.toAbsolutePath().normalize();
    if (isCached(abs)) {
      return abs;
    }
    return copyOf(abs.toString(), Map.of());
  }

  /**
   * The private copy of the jar at {@code location} (a local path or an {@code s3://} URI, reached with
   * the session {@code settings}), copied unless this version of it is cached.
   */
  public static Path copyOf(String location, Map<String, String> settings) {
    Storage storage = Storage.of(location, settings);
    FileStat stat;
    try {
      stat = storage.stat(location);
    } catch (IOException e) {
      throw new QuiverException("UDF jar '" + location + "' cannot be read: " + e.getMessage() + ".", e);
    }
    Version v = new Version(location, stat.size(), stat.version());
    Path cached = COPIED.get(v);
    if (cached != null && Files.isRegularFile(cached)) {
      return cached;
    }
    Path local = copy(storage, location, stat.size());
    COPIED.put(v, local);
    return local;
  }

  /** Whether {@code path} is a copy in the cache folder. */
  private static boolean isCached(Path path) {
    return path.getParent() != null && path.getParent().equals(cacheDir().toAbsolutePath().normalize())
        && CACHED_NAME.matcher(path.getFileName().toString()).matches() && Files.isRegularFile(path);
  }

  private static Path copy(Storage storage, String location, long size) {
    Path dir = cacheDir();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      partial = Files.createTempFile(dir, ".copy-", ".jar");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long copied;
      try (InputStream in = storage.open(location);
          OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
        copied = in.transferTo(out);
      }
      if (copied != size) {
        throw new IOException("got " + copied + " of its " + size + " bytes");
      }
      Path target = dir.resolve(HexFormat.of().formatHex(sha.digest()) + ".jar");
      if (!Files.isRegularFile(target)) {
        try {
          // Never replaced once there: class loaders read from it.
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException sameContent) {
          // another copy of the same bytes won the race; ours is deleted below
        }
      }
      return target;
    } catch (IOException e) {
      throw new QuiverException("UDF jar '" + location + "' could not be copied to the jar cache " + dir + ": "
          + e.getMessage() + ".", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      try {
        if (partial != null) {
          Files.deleteIfExists(partial);
        }
      } catch (IOException ignored) {
        // a leftover hidden partial copy is harmless
      }
    }
  }
}
