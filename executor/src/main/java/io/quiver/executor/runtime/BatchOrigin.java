package io.quiver.executor.runtime;

/**
 * Where the batch a thread just pulled came from (a split description: a file path, or the first file
 * of a run), so a UDF failing on it can name the input file. Scans set it for each batch they return
 * and clear it at their end; operators that hand batches across threads (gathers) carry it along.
 * Operators that reorder or combine rows (sort, aggregation) drain their inputs, which clears it.
 */
public final class BatchOrigin {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private BatchOrigin() {}

  /** The origin of the batch most recently returned on this thread, or null when unknown. */
  public static String current() {
    return CURRENT.get();
  }

  /** Sets (or with null clears) this thread's current origin. */
  public static void set(String origin) {
    if (origin == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(origin);
    }
  }
}
