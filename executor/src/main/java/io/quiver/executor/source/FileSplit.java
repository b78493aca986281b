package io.quiver.executor.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A split that is one whole file, named by its location (a local path or {@code s3://} URI), for
 * sources that read a file at a time (CSV, JSON lines).
 */
public record FileSplit(String file) implements SourceSplit {
  @Override
  public String description() {
    return file;
  }

  /** One split per file, in the given order. */
  public static List<SourceSplit> of(List<String> files) {
    List<SourceSplit> splits = new ArrayList<>(files.size());
    for (String f : files) {
      splits.add(new FileSplit(f));
    }
    return splits;
  }
}
