package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * One class loader per UDF jar content: jars with the same entries (under any path) share a loader, a jar
 * rebuilt in place gets a new one. A loader reads the engine's private copy of the jar ({@link
 * UdfJarCache}), never the path it was first asked for: that file may be deleted while the loader lives
 * on for every jar with the same content. Loaders are children of {@link UdfParentLoader}, so a jar sees only
 * the JDK, udf-api and Arrow from the engine. Content keys are cached by path, size and modification time.
 *
 * <p>The content key hashes the jar's central directory (each entry's name, sizes and CRC-32) rather
 * than all its bytes: model UDF jars bundle native libraries (the example's is 118 MB), and hashing
 * every byte cost ~0.5 s per {@code CREATE FUNCTION} in a fresh JVM; reading the directory takes
 * milliseconds. Two jars whose entries agree in name, size and CRC-32 have the same content for any
 * practical purpose. A file that is not a zip archive is hashed whole.
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
    String key = contentKey(path);
    return LOADERS.computeIfAbsent(key, h -> new URLClassLoader("udf-jar-" + h.substring(h.length() - 12),
        new URL[] {url(UdfJarCache.copyOf(path))}, UdfParentLoader.INSTANCE));
  }

  /** The content key of a jar (SHA-256 of its entry list with sizes and CRCs), in hex. */
  public static String contentKey(Path path) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      FileKey key = new FileKey(path.toAbsolutePath().normalize(), attrs.size(), attrs.lastModifiedTime().toMillis());
      return HASHES.computeIfAbsent(key, k -> entriesDigest(k.path()));
    } catch (IOException e) {
      throw new QuiverException("Cannot read UDF jar " + path + ": " + e.getMessage(), e);
    }
  }

  private static String entriesDigest(Path path) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer entry = ByteBuffer.allocate(24);
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry z = e.nextElement();
        md.update(z.getName().getBytes(StandardCharsets.UTF_8));
        entry.clear();
        entry.putLong(z.getSize()).putLong(z.getCompressedSize()).putLong(z.getCrc());
        md.update(entry.array());
      }
      return "zip-" + HexFormat.of().formatHex(md.digest());
    } catch (ZipException notAZip) {
      return bytesDigest(path); // not a jar: fails later with a clear error, but still gets a key
    } catch (IOException e) {
      throw new QuiverException("Cannot read UDF jar " + path + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bytesDigest(Path path) {
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
