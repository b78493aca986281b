package io.quiver.executor.source.binary;

import io.quiver.executor.source.SourceSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * A split of a file-per-row source: a run of files, read in order. It carries the file locations
 * itself, so any instance of the source (e.g. one per worker) can open it without listing again.
 */
public record FileGroupSplit(List<String> files) implements SourceSplit {
  public FileGroupSplit {
    files = List.copyOf(files);
  }

  @Override
  public String description() {
    return files.size() == 1 ? files.get(0)
        : files.get(0) + " (+" + (files.size() - 1) + " more files)";
  }

  /** Files: one per row, so a short last group weighs less (file sizes would need a stat per file). */
  @Override
  public long sizeEstimate() {
    return files.size();
  }

  /** Cuts {@code files} into consecutive splits of at most {@code perSplit} files (at least 1). */
  public static List<FileGroupSplit> group(List<String> files, int perSplit) {
    int n = Math.max(1, perSplit);
    List<FileGroupSplit> out = new ArrayList<>((files.size() + n - 1) / n);
    for (int i = 0; i < files.size(); i += n) {
      out.add(new FileGroupSplit(files.subList(i, Math.min(files.size(), i + n))));
    }
    return out;
  }

  /**
   * Files per split for a scan: {@code preferred}, but no more than a row {@code limit} hint asks for
   * (-1: none), so that {@code LIMIT 3} over a big folder opens only a few files.
   */
  public static int filesPerSplit(int preferred, long limit) {
    return limit >= 0 ? (int) Math.max(1, Math.min(preferred, limit)) : Math.max(1, preferred);
  }
}
