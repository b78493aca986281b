package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One class loader per UDF jar content: jars with the same bytes (under any path) share a loader, a jar
 * rebuilt in place gets a new one. Loaders are children of {@link UdfParentLoader}, so a jar sees only
 * the JDK, udf-api and Arrow from the engine. Hashes are cached by path, size and modification time.
 */
public final class JarClassLoaders {
  private record FileKey(Path path, long size, long modified) {}

  private static final Map<FileKey, String> HASHES = new ConcurrentHashMap<>();
  private static final Map<String, URLClassLoader> LOADERS = new ConcurrentHashMap<>();

  private JarClassLoaders() {}

  /**
   * The loader for a jar, or the engine's own loader when {@code jar} is null (classes on the class path,
   * e.g. built-in functions and tests).
   */
  public static ClassLoader forJar(String jar) {
    if (jar == null) {
      return JarClassLoaders.class.getClassLoader();
    }
    Path path = Path.of(jar);
    String hash = sha256(path);
    return LOADERS.computeIfAbsent(hash, h -> new URLClassLoader("udf-jar-" + h.substring(0, 12),
        new URL[] {url(path)}, UdfParentLoader.INSTANCE));
  }

  /** The SHA-256 of a jar's bytes, in hex. */
  public static String sha256(Path path) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      FileKey key = new FileKey(path.toAbsolutePath().normalize(), attrs.size(), attrs.lastModifiedTime().toMillis());
      return HASHES.computeIfAbsent(key, k -> digest(k.path()));
    } catch (IOException e) {
      throw new QuiverException("Cannot read UDF jar " + path + ": " + e.getMessage(), e);
    }
  }

  private static String digest(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new QuiverException("Cannot read UDF jar " + path + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URL url(Path path) {
    try {
      return path.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new QuiverException("Bad UDF jar path " + path + ".", e);
    }
  }
}
