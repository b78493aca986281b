package io.quiver.executor.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A split that is one whole file, for sources that read a file at a time (CSV, JSON lines). */
public record FileSplit(Path file) implements SourceSplit {
  @Override
  public String description() {
    return file.toString();
  }

  /** One split per file, in the given order. */
  public static List<SourceSplit> of(List<Path> files) {
    List<SourceSplit> splits = new ArrayList<>(files.size());
    for (Path f : files) {
      splits.add(new FileSplit(f));
    }
    return splits;
  }
}
