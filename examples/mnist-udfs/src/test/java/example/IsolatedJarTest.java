package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.udf.BatchFunction;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, target/mnist-udfs.jar, loaded the way Quiver loads a UDF jar: its own class loader
 * over a parent that shows udf-api and Arrow but hides DJL (which the test class path also has), the
 * thread's context class loader set to the jar's around the calls. Proves the jar is self-contained and
 * that DJL finds its engine and libtorch inside it, offline. Runs in the {@code package} phase, after the
 * shade plugin (see pom.xml); a {@code mvn test} run skips it.
 */
class IsolatedJarTest {
  private static final Path JAR = Path.of("target", "mnist-udfs.jar");

  @Test
  void theShadedJarRunsInItsOwnClassLoader() throws Exception {
    assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase before this test");
    ClassLoader parent = new HidingClassLoader(IsolatedJarTest.class.getClassLoader());
    assertThrows(ClassNotFoundException.class, () -> parent.loadClass("ai.djl.engine.Engine"));
    try (URLClassLoader jarLoader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, parent)) {
      List<String> declared = new ArrayList<>();
      for (BatchFunction f : ServiceLoader.load(BatchFunction.class, jarLoader)) {
        declared.add(f.getClass().getName());
        assertSame(jarLoader, f.getClass().getClassLoader());
      }
      assertEquals(List.of("example.Normalize", "example.MnistClassifier"), declared);

      MnistImages images = MnistImages.load("50_per_index");
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(jarLoader); // as the engine does around open, apply and close
      try (BufferAllocator allocator = new RootAllocator()) {
        TestContext context = new TestContext(allocator, Map.of("model_path", MnistImages.modelPath().toString()), "classify");
        BatchFunction normalize = (BatchFunction) jarLoader.loadClass("example.Normalize").getConstructor().newInstance();
        try (BatchFunction classify =
            (BatchFunction) jarLoader.loadClass("example.MnistClassifier").getConstructor().newInstance()) {
          classify.open(context);
          assertSame(jarLoader, jarLoader.loadClass("ai.djl.engine.Engine").getClassLoader());
          int correct = 0;
          for (int from = 0; from < 500; from += 100) {
            try (FixedShapeTensorVector raw = images.tensors(from, from + 100, allocator);
                FixedShapeTensorVector in = (FixedShapeTensorVector) normalize.apply(List.of(raw), context);
                IntVector predicted = (IntVector) classify.apply(List.of(in), context)) {
              for (int i = 0; i < 100; i++) {
                correct += predicted.get(i) == images.labels.get(from + i) ? 1 : 0;
              }
            }
          }
          assertTrue(correct >= 470, correct + " of 500 right");
        }
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  /** The engine's view for UDF jars: everything of the parent except DJL and its bundled dependencies. */
  private static final class HidingClassLoader extends ClassLoader {
    private static final List<String> HIDDEN_CLASSES = List.of("ai.djl.", "com.sun.jna.", "com.google.gson.",
        "org.apache.commons.compress.", "example.");
    private static final List<String> HIDDEN_RESOURCES = List.of("ai/djl/", "native/", "jnilib/", "pytorch/",
        "com/sun/jna/", "META-INF/services/ai.djl", "META-INF/services/io.quiver.udf", "example/");

    HidingClassLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (HIDDEN_CLASSES.stream().anyMatch(name::startsWith)) {
        throw new ClassNotFoundException(name + " is hidden from UDF jars");
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private static boolean hidden(String name) {
      return HIDDEN_RESOURCES.stream().anyMatch(name::startsWith);
    }
  }
}
