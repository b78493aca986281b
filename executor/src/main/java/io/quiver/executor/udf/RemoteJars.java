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

/**
 * UDF jars on remote storage ({@code s3://...}): downloaded once into a local cache folder, named by
 * the SHA-256 of their bytes, so the same content under any URI is one local file (and so one class
 * loader, see {@link JarClassLoaders}), and a jar replaced at its URI is downloaded again (its ETag
 * changes). The folder is {@code -Dquiver.jarCache}, by default {@code quiver-udf-jars} in the
 * temporary directory.
 */
public final class RemoteJars {
  private record Version(String location, long size, String version) {}

  private static final Map<Version, Path> FETCHED = new ConcurrentHashMap<>();

  private RemoteJars() {}

  /** The folder downloaded jars are kept in. */
  public static Path cacheDir() {
    return Path.of(System.getProperty("quiver.jarCache",
        Path.of(System.getProperty("java.io.tmpdir"), "quiver-udf-jars").toString()));
  }

  /** The local copy of the jar at {@code location}, downloaded unless this version is cached. */
  public static Path fetch(String location, Map<String, String> settings) {
    Storage storage = Storage.of(location, settings);
    FileStat stat;
    try {
      stat = storage.stat(location);
    } catch (IOException e) {
      throw new QuiverException("UDF jar '" + location + "' cannot be read: " + e.getMessage() + ".", e);
    }
    Version v = new Version(location, stat.size(), stat.version());
    Path cached = FETCHED.get(v);
    if (cached != null && Files.isRegularFile(cached)) {
      return cached;
    }
    Path local = download(storage, location, stat.size());
    FETCHED.put(v, local);
    return local;
  }

  private static Path download(Storage storage, String location, long size) {
    Path dir = cacheDir();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      partial = Files.createTempFile(dir, ".download-", ".jar");
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
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException sameContent) {
        // another download of the same bytes won the race; ours is deleted below
      }
      return target;
    } catch (IOException e) {
      throw new QuiverException("UDF jar '" + location + "' could not be downloaded to " + dir + ": "
          + e.getMessage() + ".", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      try {
        if (partial != null) {
          Files.deleteIfExists(partial);
        }
      } catch (IOException ignored) {
        // a leftover hidden partial download is harmless
      }
    }
  }
}
