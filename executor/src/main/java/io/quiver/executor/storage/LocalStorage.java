package io.quiver.executor.storage;

import io.quiver.executor.source.FileLister;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link Storage} on the local file system. Staged files are written next to their target under a
 * hidden name (listing skips names starting with '.') and renamed into place atomically on commit.
 * Files staged for handing over (a cluster worker writes, the coordinator commits) wait under
 * {@code <target>/_quiver_staging/<tag>/} instead (listing skips names starting with '_'), so the
 * coordinator can drop every attempt's leftovers at once.
 */
public final class LocalStorage implements Storage {
  /** The one instance; the local file system has no settings. */
  public static final LocalStorage INSTANCE = new LocalStorage();

  /** The folder under a COPY target where files staged for handing over wait for their commit. */
  public static final String STAGING_FOLDER = "_quiver_staging";

  private static final String HANDLE_KIND = "local";

  private LocalStorage() {}

  /** The local path of a location, accepting plain paths and {@code file://} URIs. */
  public static Path path(String location) {
    return Paths.get(location.startsWith("file://") ? location.substring("file://".length()) : location);
  }

  @Override
  public List<String> list(String function, String path, Set<String> extensions) {
    List<Path> files = FileLister.list(function, path, extensions);
    List<String> out = new ArrayList<>(files.size());
    for (Path f : files) {
      out.add(f.toString());
    }
    return out;
  }

  @Override
  public List<String> listAll(String location) {
    List<String> out = new ArrayList<>();
    for (Path f : FileLister.list("COPY", location, Set.of(), false)) {
      out.add(f.toString());
    }
    return out;
  }

  @Override
  public long size(String location) throws IOException {
    return Files.size(path(location));
  }

  @Override
  public FileStat stat(String location) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(path(location), BasicFileAttributes.class);
    return new FileStat(attrs.size(), Long.toString(attrs.lastModifiedTime().toMillis()));
  }

  @Override
  public byte[] readAll(String location) throws IOException {
    return Files.readAllBytes(path(location));
  }

  @Override
  public InputStream open(String location) throws IOException {
    return Files.newInputStream(path(location));
  }

  @Override
  public InputStream openAt(String location, long offset) throws IOException {
    FileChannel ch = FileChannel.open(path(location), StandardOpenOption.READ);
    try {
      ch.position(offset);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return java.nio.channels.Channels.newInputStream(ch);
  }

  @Override
  public byte[] readRange(String location, long offset, int length) throws IOException {
    try (FileChannel ch = FileChannel.open(path(location), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          throw new IOException(location + ": wanted " + length + " bytes at " + offset
              + " but the file ends first.");
        }
      }
      return buf.array();
    }
  }

  @Override
  public boolean exists(String location) {
    return Files.exists(path(location));
  }

  @Override
  public void deleteTree(String location) throws IOException {
    Path root = path(location);
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public StagedFile create(String location) throws IOException {
    Path target = path(location).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path staging = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".staging");
    OutputStream out = Files.newOutputStream(staging, StandardOpenOption.CREATE_NEW);
    return new LocalStagedFile(location, target, staging, out);
  }

  @Override
  public StagedFile createForHandOver(String target, String relative, String tag) throws IOException {
    Path root = path(target).toAbsolutePath();
    Path staging = root.resolve(STAGING_FOLDER).resolve(tag).resolve(relative);
    Files.createDirectories(staging.getParent());
    OutputStream out = Files.newOutputStream(staging, StandardOpenOption.CREATE_NEW);
    return new LocalStagedFile(target + "/" + relative, root.resolve(relative), staging, out);
  }

  @Override
  public StagedFile resume(String handle) {
    List<String> f = Handles.decode(handle, HANDLE_KIND, 4);
    return new LocalStagedFile(f.get(3), Paths.get(f.get(2)), Paths.get(f.get(1)), OutputStream.nullOutputStream());
  }

  @Override
  public void dropStaging(String target, String tag) throws IOException {
    Path folder = path(target).resolve(STAGING_FOLDER);
    deleteTree(folder.resolve(tag).toString());
    try (Stream<Path> rest = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
      if (rest.findAny().isEmpty()) {
        Files.deleteIfExists(folder);
      }
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // Another COPY into the same target is staging right now.
    }
  }

  /** A hidden sibling file (or a file in the staging folder) renamed onto its target on commit. */
  private record LocalStagedFile(String location, Path target, Path staging, OutputStream out)
      implements StagedFile {
    @Override
    public String handle() {
      return Handles.encode(List.of(HANDLE_KIND, staging.toString(), target.toString(), location));
    }

    @Override
    public void commit() throws IOException {
      out.close();
      Files.createDirectories(target.getParent());
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void abort() {
      try {
        out.close();
      } catch (IOException ignored) {
        // The staged bytes are deleted next; a failed close changes nothing.
      }
      try {
        Files.deleteIfExists(staging);
      } catch (IOException ignored) {
        // Best effort: a leftover hidden staging file is skipped by every listing.
      }
    }
  }
}
