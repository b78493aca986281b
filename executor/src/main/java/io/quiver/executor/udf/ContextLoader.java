package io.quiver.executor.udf;

import java.util.concurrent.Callable;

/**
 * Runs UDF code with the thread context class loader set to the UDF's jar loader, as libraries inside
 * the jar (ServiceLoader users, DJL, Jackson) expect, and restores the previous one afterwards.
 */
public final class ContextLoader {
  private ContextLoader() {}

  public static <T> T call(ClassLoader loader, Callable<T> body) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return body.call();
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** {@link #call} for code without a result. */
  public static void run(ClassLoader loader, ThrowingRunnable body) throws Exception {
    call(loader, () -> {
      body.run();
      return null;
    });
  }

  /** A runnable that may throw, like UDF lifecycle methods. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
