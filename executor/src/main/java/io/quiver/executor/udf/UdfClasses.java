package io.quiver.executor.udf;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.S3Location;
import io.quiver.udf.AggregateFunction;
import io.quiver.udf.BatchFunction;
import io.quiver.udf.QuiverFunction;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Finds, checks and instantiates UDF classes, so that a wrong class name, a class that is not a UDF or a
 * missing jar fail at {@code CREATE FUNCTION} rather than in the middle of a query.
 */
public final class UdfClasses {
  private UdfClasses() {}

  /**
   * The absolute local path of a jar URI (a path relative to the working directory, or {@code file:}),
   * checked to exist.
   */
  public static String resolveJar(String uri) {
    return resolveJar(uri, Map.of());
  }

  /**
   * The engine's private copy of a jar ({@link UdfJarCache}): a local path or {@code file:} URI, checked to
   * exist, is copied, an {@code s3://} URI downloaded. Functions keep this path, so they work on after
   * the user's file is deleted or rebuilt.
   *
   * @param settings the session settings (S3 access)
   */
  public static String resolveJar(String uri, Map<String, String> settings) {
    if (S3Location.isS3(uri)) {
      return UdfJarCache.copyOf(uri, settings).toAbsolutePath().toString();
    }
    if (uri.startsWith("s3a://")) {
      throw new QuiverException("UDF jar '" + uri + "': use an s3:// URI.");
    }
    Path p = uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)) : Path.of(uri);
    Path abs = p.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs)) {
      throw new QuiverException("UDF jar '" + uri + "' not found (looked for " + abs + "; relative paths are "
          + "resolved against the working directory " + Path.of("").toAbsolutePath() + ").");
    }
    return UdfJarCache.copyOf(abs).toString();
  }

  /** Loads and checks a UDF class and returns its spec, hints from its declaration and {@code with}. */
  public static UdfSpec define(String name, String className, String jar, Map<String, String> with) {
    Class<?> c = load(className, jar, name);
    UdfSpec.Kind kind = BatchFunction.class.isAssignableFrom(c) ? UdfSpec.Kind.BATCH : UdfSpec.Kind.AGGREGATE;
    UdfHints hints = UdfHints.of(c.getAnnotation(QuiverFunction.class), with, name);
    if (kind == UdfSpec.Kind.AGGREGATE && hints.isPool()) {
      throw new QuiverException("Function " + name + " is an aggregate; aggregates run inside the GROUP BY and "
          + "take no concurrency or resource hints.");
    }
    return new UdfSpec(name, className, jar, kind, UdfHints.userOptions(with), hints);
  }

  /** The class of a spec, loaded in its jar's loader. */
  public static Class<?> load(String className, String jar, String function) {
    ClassLoader loader = JarClassLoaders.forJar(jar);
    Class<?> c;
    try {
      c = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new QuiverException("Function " + function + ": class '" + className + "' not found in "
          + (jar == null ? "the engine's class path" : "jar " + jar) + suggestion(className, jar) + ".", e);
    }
    if (!BatchFunction.class.isAssignableFrom(c) && !AggregateFunction.class.isAssignableFrom(c)) {
      throw new QuiverException("Function " + function + ": class " + className + " is not a UDF; it must implement "
          + "io.quiver.udf.BatchFunction or io.quiver.udf.AggregateFunction (from the quiver-udf-api artifact).");
    }
    if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
      throw new QuiverException("Function " + function + ": class " + className
          + " must be a public, non-abstract class.");
    }
    try {
      Constructor<?> ctor = c.getConstructor();
      if (!Modifier.isPublic(ctor.getModifiers())) {
        throw new NoSuchMethodException();
      }
    } catch (NoSuchMethodException e) {
      throw new QuiverException("Function " + function + ": class " + className
          + " has no public constructor without arguments; the engine creates one instance per actor with it "
          + "and passes options to open().");
    }
    return c;
  }

  /** A new, not yet opened instance, created with the jar's loader as context loader. */
  public static Object instantiate(UdfSpec spec) {
    Class<?> c = load(spec.className(), spec.jar(), spec.name());
    try {
      return ContextLoader.call(c.getClassLoader(), () -> c.getConstructor().newInstance());
    } catch (Exception e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
      throw new QuiverException("Function " + spec.name() + ": creating " + spec.className() + " failed: "
          + cause, cause);
    }
  }

  /**
   * The result field of a call with these argument fields: the function's {@code returnField}, else its
   * declared {@code returnType}.
   */
  public static Field returnField(UdfSpec spec, List<Field> arguments, String resultName) {
    Object instance = instantiate(spec);
    Field f;
    try {
      f = ContextLoader.call(instance.getClass().getClassLoader(), () -> instance instanceof BatchFunction b
          ? b.returnField(arguments, spec.options())
          : ((AggregateFunction<?>) instance).returnField(arguments, spec.options()));
    } catch (Exception e) {
      throw new QuiverException("Function " + spec.name() + ": returnField failed: " + e, e);
    }
    if (f != null) {
      return new Field(resultName, f.getFieldType(), f.getChildren());
    }
    QuiverFunction declared = instance.getClass().getAnnotation(QuiverFunction.class);
    if (declared == null || declared.returnType().isBlank()) {
      throw new QuiverException("Function " + spec.name() + ": class " + spec.className() + " declares no return "
          + "type; annotate it with @QuiverFunction(returnType = \"...\") or implement returnField.");
    }
    return UdfTypes.parse(declared.returnType(), resultName, spec.name());
  }

  /** One UDF a jar declares through {@link ServiceLoader}: its SQL name and class. */
  public record Declared(String name, String className) {}

  /** Every UDF listed in the jar's {@code META-INF/services} for BatchFunction and AggregateFunction. */
  public static List<Declared> declaredIn(String jar) {
    ClassLoader loader = JarClassLoaders.forJar(jar);
    List<Declared> out = new ArrayList<>();
    try {
      for (Class<?> service : List.of(BatchFunction.class, AggregateFunction.class)) {
        ServiceLoader.load(service, loader).stream().forEach(p -> {
          Class<?> c = p.type();
          QuiverFunction q = c.getAnnotation(QuiverFunction.class);
          if (q == null || q.name().isBlank()) {
            throw new QuiverException("Jar " + jar + " lists UDF class " + c.getName() + " in META-INF/services, "
                + "but the class has no @QuiverFunction(name = ...) to register it under.");
          }
          out.add(new Declared(q.name().toLowerCase(Locale.ROOT), c.getName()));
        });
      }
    } catch (java.util.ServiceConfigurationError e) {
      throw new QuiverException("Jar " + jar + ": its META-INF/services list a UDF class that cannot be loaded: "
          + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new QuiverException("Jar " + jar + " declares no UDFs: list their classes in "
          + "META-INF/services/io.quiver.udf.BatchFunction (or ...AggregateFunction), one per line.");
    }
    return out;
  }

  /** "; did you mean ..." with the classes of the jar closest to {@code className}, or "". */
  private static String suggestion(String className, String jar) {
    if (jar == null) {
      return "";
    }
    List<String> classes = new ArrayList<>();
    try (JarFile f = new JarFile(jar)) {
      for (JarEntry e : java.util.Collections.list(f.entries())) {
        String n = e.getName();
        if (n.endsWith(".class") && !n.contains("$") && !n.endsWith("module-info.class")) {
          classes.add(n.substring(0, n.length() - 6).replace('/', '.'));
        }
      }
    } catch (IOException e) {
      return "";
    }
    String simple = className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    List<String> close = classes.stream()
        .filter(c -> c.substring(c.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).equals(simple)
            || distance(c.toLowerCase(Locale.ROOT), className.toLowerCase(Locale.ROOT)) <= Math.max(2, className.length() / 3))
        .sorted(Comparator.comparingInt(c -> distance(c, className)))
        .limit(3).toList();
    if (!close.isEmpty()) {
      return "; did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
    }
    return classes.isEmpty() ? " (the jar contains no classes)"
        : " (it has " + classes.size() + " classes, e.g. " + String.join(", ", classes.subList(0, Math.min(3, classes.size()))) + ")";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
