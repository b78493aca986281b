package io.quiver.executor.source;

import io.quiver.executor.sink.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes COPY's output atomic for readers: a listed file that lies under a folder holding a
 * {@code _SUCCESS} manifest (the nearest such folder at or below the listing's root) is kept only if
 * that manifest lists it. So while an OVERWRITE replaces a directory, readers see exactly the old files
 * or exactly the new ones. Folders without a manifest, and Spark's empty {@code _SUCCESS}, change
 * nothing. Works on '/'-separated location strings so every storage (local, S3) can use it.
 */
public final class ManifestFilter {
  private ManifestFilter() {}

  /**
   * The files of {@code files} (all under {@code root}) that their folder's manifest, if any, lists.
   *
   * @param readManifest the bytes of the {@code _SUCCESS} file at the given location, or null when none
   */
  public static List<String> filter(String root, List<String> files, Function<String, byte[]> readManifest) {
    String base = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    Map<String, Set<String>> listed = new HashMap<>(); // folder -> absolute locations its manifest lists
    List<String> out = new ArrayList<>(files.size());
    for (String file : files) {
      if (keep(base, file, listed, readManifest)) {
        out.add(file);
      }
    }
    return out;
  }

  private static boolean keep(String base, String file, Map<String, Set<String>> listed,
      Function<String, byte[]> readManifest) {
    if (!file.startsWith(base + "/")) {
      return true;
    }
    int slash = file.lastIndexOf('/');
    while (slash >= base.length()) {
      String folder = file.substring(0, slash);
      Set<String> names = listed.computeIfAbsent(folder, f -> manifestFiles(f, readManifest));
      if (names != null && !names.isEmpty()) {
        return names.contains(file);
      }
      if (names == null) {
        listed.put(folder, Set.of());
      }
      slash = file.lastIndexOf('/', slash - 1);
    }
    return true;
  }

  /** The locations the manifest in {@code folder} lists (a set with "" alone when it lists none), or null. */
  private static Set<String> manifestFiles(String folder, Function<String, byte[]> readManifest) {
    byte[] bytes = readManifest.apply(folder + "/" + Manifest.NAME);
    Manifest m = bytes == null ? null : Manifest.parse(bytes);
    if (m == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    out.add(""); // non-empty even for a manifest of no files: then nothing under it is read
    for (Manifest.Entry e : m.files()) {
      out.add(folder + "/" + e.path());
    }
    return out;
  }

  /** A manifest reader over the local file system: the file's bytes, or null if it does not exist. */
  public static byte[] readLocal(String location) {
    java.nio.file.Path p = java.nio.file.Paths.get(location);
    if (!java.nio.file.Files.isRegularFile(p)) {
      return null;
    }
    try {
      return java.nio.file.Files.readAllBytes(p);
    } catch (IOException e) {
      return null;
    }
  }
}
