package io.quiver.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists the entries under a path prefix for completing paths inside quotes. Local paths are listed here;
 * other schemes ({@code s3://}) complete through a lister registered for them with {@link #register}
 * (none by default: completing a remote path then offers nothing rather than blocking on the network).
 */
interface PathLister {
  /** An entry: its full path as the user would write it, and whether it is a directory. */
  record Entry(String path, boolean directory) {}

  /** Entries whose path starts with {@code prefix} (the text typed so far inside the quotes). */
  List<Entry> list(String prefix);

  /** Listers for URI schemes, e.g. "s3". */
  Map<String, PathLister> BY_SCHEME = new ConcurrentHashMap<>();

  /** Makes paths of {@code scheme} ("s3" for {@code s3://...}) complete through {@code lister}. */
  static void register(String scheme, PathLister lister) {
    BY_SCHEME.put(scheme, lister);
  }

  /** Entries for any prefix: a registered scheme's lister, else the local file system. */
  static List<Entry> forPrefix(String prefix) {
    int scheme = prefix.indexOf("://");
    if (scheme > 0) {
      PathLister l = BY_SCHEME.get(prefix.substring(0, scheme));
      try {
        return l == null ? List.of() : l.list(prefix);
      } catch (RuntimeException e) {
        return List.of();
      }
    }
    return local(prefix);
  }

  /** Local files and directories: {@code data/mn} lists {@code data/} for names starting with {@code mn}. */
  static List<Entry> local(String prefix) {
    String expanded = prefix.startsWith("~/") ? System.getProperty("user.home") + prefix.substring(1) : prefix;
    int slash = expanded.lastIndexOf('/');
    String dirPart = slash < 0 ? "" : expanded.substring(0, slash + 1);
    String namePart = expanded.substring(slash + 1);
    String typedDir = slash < 0 ? "" : prefix.substring(0, prefix.lastIndexOf('/') + 1);
    Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart);
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(namePart) && (!name.startsWith(".") || namePart.startsWith("."))) {
          boolean isDir = Files.isDirectory(p);
          out.add(new Entry(typedDir + name + (isDir ? "/" : ""), isDir));
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }
}
