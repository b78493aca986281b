package io.quiver.executor.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarClassLoadersTest {
  @TempDir
  Path dir;

  @Test
  void jarsWithTheSameEntriesShareALoaderUnderAnyPath() throws IOException {
    Path a = jar("a.jar", "hello", 1_000);
    Path b = jar("b.jar", "hello", 9_000_000); // other entry times: same content
    assertEquals(JarClassLoaders.contentKey(a), JarClassLoaders.contentKey(b));
    assertSame(JarClassLoaders.forJar(a.toString()), JarClassLoaders.forJar(b.toString()));
  }

  @Test
  void aJarRebuiltInPlaceWithOtherContentGetsANewLoader() throws IOException {
    Path a = jar("c.jar", "hello", 1_000);
    ClassLoader before = JarClassLoaders.forJar(a.toString());
    jar("c.jar", "jello", 1_000); // same size, other bytes: the CRC differs
    Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5_000));
    assertNotSame(before, JarClassLoaders.forJar(a.toString()));
  }

  @Test
  void theLoaderReadsAPrivateCopySoTheFirstJarMayBeDeleted() throws IOException {
    Path a = jar("first.jar", "private copy", 1_000);
    Path b = Files.copy(a, dir.resolve("second.jar"));
    ClassLoader loader = JarClassLoaders.forJar(a.toString());
    Files.delete(a);
    assertSame(loader, JarClassLoaders.forJar(b.toString()));
    try (var in = loader.getResourceAsStream("res/greeting.txt")) {
      assertEquals("private copy", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Path copy = UdfJarCache.copyOf(b);
    assertTrue(copy.startsWith(UdfJarCache.cacheDir()) && !copy.equals(b), copy.toString());
    assertEquals(copy, UdfJarCache.copyOf(copy), "a copy is its own copy");
  }

  @Test
  void aFileThatIsNotAZipIsHashedWhole() throws IOException {
    Path junk = dir.resolve("junk.jar");
    Files.writeString(junk, "not a zip");
    Path other = dir.resolve("other.jar");
    Files.writeString(other, "not a zip either");
    assertNotEquals(JarClassLoaders.contentKey(junk), JarClassLoaders.contentKey(other));
    assertTrue(!JarClassLoaders.contentKey(junk).startsWith("zip-"));
  }

  private Path jar(String name, String text, long entryTime) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry("res/greeting.txt");
      e.setTime(entryTime);
      zip.putNextEntry(e);
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return p;
  }
}
