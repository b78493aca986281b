package io.quiver.executor.cluster.flight;

import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.UdfNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * UDF jars on their way to workers. A plan names jars by the coordinator's local path; on the wire a
 * jar is named by its content hash ({@code sha256:HEX}), so a worker stores each jar once, whatever
 * path or query it came with, and a jar replaced under the same path is a different jar.
 */
public final class UdfJars {
  /** The prefix of a jar named by content on the wire. */
  public static final String PREFIX = "sha256:";

  private final Map<String, Hashed> hashes = new ConcurrentHashMap<>();

  private record Hashed(long size, long modified, String hash) {}

  /** The local jar paths a plan's UDFs and UDAFs load from. */
  public static Set<String> jarsOf(PhysicalNode plan) {
    Set<String> out = new LinkedHashSet<>();
    collect(plan, out);
    return out;
  }

  private static void collect(PhysicalNode n, Set<String> out) {
    if (n instanceof UdfNode u && u.function().jar() != null) {
      out.add(u.function().jar());
    }
    if (n instanceof AggregateNode a) {
      for (AggCall c : a.aggregates()) {
        if (c.udf() != null && c.udf().jar() != null) {
          out.add(c.udf().jar());
        }
      }
    }
    n.inputs().forEach(i -> collect(i, out));
  }

  /** The wire name of the jar at {@code path}: its content hash (re-hashed only when the file changed). */
  public String wireName(String path) {
    Path p = Path.of(path);
    try {
      long size = Files.size(p);
      long modified = Files.getLastModifiedTime(p).toMillis();
      Hashed h = hashes.get(path);
      if (h == null || h.size() != size || h.modified() != modified) {
        h = new Hashed(size, modified, sha256(p));
        hashes.put(path, h);
      }
      return PREFIX + h.hash();
    } catch (IOException e) {
      throw new QuiverException("Cannot read the UDF jar " + path + " to send it to the workers: " + e.getMessage(), e);
    }
  }

  static String sha256(Path p) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
