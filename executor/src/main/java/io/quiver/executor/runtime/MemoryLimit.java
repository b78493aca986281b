package io.quiver.executor.runtime;

import io.quiver.executor.QuiverException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code memory_limit} setting: sizes like {@code '512m'}, {@code '2g'}, {@code '1.5gb'} or plain
 * bytes, and the default, a fraction of what the JVM may allocate (maximum heap plus maximum direct
 * memory, which defaults to the heap size), since operator state lives in both.
 */
public final class MemoryLimit {
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(?:i?b)?");
  /** Share of heap + direct memory a session's queries (and, separately, its tables) may hold. */
  private static final double DEFAULT_FRACTION = 0.6;

  private MemoryLimit() {}

  /** Whether {@code value} parses as a size. */
  public static boolean isValid(String value) {
    return value != null && SIZE.matcher(value.trim().toLowerCase(Locale.ROOT)).matches();
  }

  /** {@code value} in bytes; throws a user error naming the setting if it is not a size. */
  public static long parse(String value) {
    Matcher m = value == null ? null : SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m == null || !m.matches()) {
      throw new QuiverException("Invalid memory size '" + value + "' for setting memory_limit; write e.g. '512m' or '2g'.");
    }
    double n = Double.parseDouble(m.group(1));
    int shift = shiftOf(m.group(2));
    return (long) Math.min(Long.MAX_VALUE, n * (1L << shift));
  }

  private static int shiftOf(String unit) {
    if (unit.isEmpty()) {
      return 0;
    }
    return 10 * (1 + "kmgt".indexOf(unit.charAt(0)));
  }

  /** {@code bytes} as a short size, e.g. {@code 2.4g}. */
  public static String format(long bytes) {
    String[] units = {"", "k", "m", "g", "t"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v)) + units[u];
  }

  /** The default limit: {@value #DEFAULT_FRACTION} of maximum heap + maximum direct memory. */
  public static long defaultBytes() {
    long heap = Runtime.getRuntime().maxMemory();
    return (long) (DEFAULT_FRACTION * (heap + maxDirectMemory(heap)));
  }

  private static long maxDirectMemory(long heap) {
    try {
      var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      long v = Long.parseLong(bean.getVMOption("MaxDirectMemorySize").getValue());
      return v > 0 ? v : heap; // 0: the JVM's default, the maximum heap size
    } catch (RuntimeException | LinkageError e) {
      return heap;
    }
  }
}
