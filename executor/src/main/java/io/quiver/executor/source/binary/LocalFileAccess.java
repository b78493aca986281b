package io.quiver.executor.source.binary;

import io.quiver.executor.source.FileLister;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link FileAccess} on the local file system, listing through {@link FileLister}. */
final class LocalFileAccess implements FileAccess {
  static final LocalFileAccess INSTANCE = new LocalFileAccess();

  private LocalFileAccess() {}

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
  public byte[] readAll(String location) throws IOException {
    return Files.readAllBytes(Paths.get(location));
  }

  @Override
  public InputStream open(String location) throws IOException {
    return Files.newInputStream(Paths.get(location));
  }
}
