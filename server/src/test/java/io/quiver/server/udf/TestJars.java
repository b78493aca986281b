package io.quiver.server.udf;

import io.quiver.udf.BatchFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Builds UDF jars inside tests, as a user would: Java sources compiled against udf-api and Arrow only,
 * packed with any resources (e.g. META-INF/services files) into a jar in a temporary folder.
 */
public final class TestJars {
  private TestJars() {}

  /**
   * @param sources class name → Java source
   * @param resources jar path → text content
   */
  public static Path build(Path dir, String jarName, Map<String, String> sources, Map<String, String> resources)
      throws IOException {
    Path src = Files.createTempDirectory(dir, "src");
    Path classes = Files.createTempDirectory(dir, "classes");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", apiClassPath(),
        "--release", "17", "-nowarn"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    if (javac.run(null, null, err, args.toArray(new String[0])) != 0) {
      throw new IllegalStateException("test UDF sources do not compile:\n" + err);
    }
    Path jar = dir.resolve(jarName);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
      for (Map.Entry<String, String> r : resources.entrySet()) {
        j.putNextEntry(new JarEntry(r.getKey()));
        j.write(r.getValue().getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }

  /** udf-api and Arrow: what a UDF author compiles against (Surefire's class path is a manifest jar). */
  private static String apiClassPath() {
    List<String> parts = new ArrayList<>();
    for (Class<?> c : List.of(BatchFunction.class, FieldVector.class, BufferAllocator.class)) {
      try {
        parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(java.io.File.pathSeparator, parts);
  }
}
