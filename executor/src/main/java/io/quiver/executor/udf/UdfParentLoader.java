package io.quiver.executor.udf;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every UDF jar's class loader: the platform loader (the JDK) plus only the engine's
 * {@code io.quiver.udf} (the API UDFs compile against) and Arrow classes. Everything else a UDF needs
 * (Guava, slf4j, Jackson, DJL ...) comes from its own jar, whatever versions the engine uses itself.
 * Arrow's own dependencies (netty, slf4j, flatbuffers) are not exposed: Arrow classes resolve them
 * through the engine's loader, and UDF code only links against Arrow's API.
 */
final class UdfParentLoader extends ClassLoader {
  /** Class name prefixes shared with the engine. */
  static final List<String> SHARED_PACKAGES = List.of("io.quiver.udf.", "org.apache.arrow.");

  static final UdfParentLoader INSTANCE = new UdfParentLoader();

  private final ClassLoader engine = UdfParentLoader.class.getClassLoader();

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private UdfParentLoader() {
    super("quiver-udf-parent", ClassLoader.getPlatformClassLoader());
  }

  static boolean isShared(String className) {
    for (String p : SHARED_PACKAGES) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSharedResource(String name) {
    return isShared(name.replace('/', '.'));
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    if (isShared(name)) {
      return engine.loadClass(name);
    }
    throw new ClassNotFoundException(name);
  }

  @Override
  protected URL findResource(String name) {
    return isSharedResource(name) ? engine.getResource(name) : null;
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    return isSharedResource(name) ? engine.getResources(name) : Collections.emptyEnumeration();
  }
}
