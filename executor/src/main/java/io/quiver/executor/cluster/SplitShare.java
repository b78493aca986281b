package io.quiver.executor.cluster;

import io.quiver.executor.source.SourceSplit;
import java.util.List;

/**
 * The share of a scan's splits one task reads (an {@link io.quiver.executor.ExecContext} attachment):
 * a contiguous run of the splits, so the tasks' outputs concatenated in task order are the scan in split
 * order. Runs are cut by {@link SourceSplit#sizeEstimate()}, not by count, so that one huge file next to
 * many tiny ones does not give one task nearly all the work: tiny splits coalesce into one share, and a
 * split bigger than a task's fair share is a share of its own (sources cut big files into byte ranges,
 * so such splits are rare).
 *
 * <p>Every task computes the same cut from the same split list: task {@code t} ends where the running
 * total comes nearest to its fair part of what is left after the tasks before it ({@code (total -
 * done) / (tasks left)}), ties cut early, and while there are at least as many splits left as tasks,
 * every task gets at least one. With equal sizes every task gets {@code n / k} splits, rounded up or down.
 */
public record SplitShare(int task, int taskCount) {
  /** The first split of this share, cutting by size. */
  public int first(List<? extends SourceSplit> splits) {
    return boundaries(sizes(splits), taskCount)[task];
  }

  /** One past the last split of this share, cutting by size. */
  public int end(List<? extends SourceSplit> splits) {
    return boundaries(sizes(splits), taskCount)[task + 1];
  }

  /** This share of {@code splits} (a view), cut by size. */
  public <T extends SourceSplit> List<T> of(List<T> splits) {
    int[] b = boundaries(sizes(splits), taskCount);
    return splits.subList(b[task], b[task + 1]);
  }

  /** The first split of this share when all splits count the same. */
  public int first(int splitCount) {
    return (int) ((long) task * splitCount / taskCount);
  }

  /** One past the last split of this share when all splits count the same. */
  public int end(int splitCount) {
    return (int) ((long) (task + 1) * splitCount / taskCount);
  }

  private static long[] sizes(List<? extends SourceSplit> splits) {
    long[] sizes = new long[splits.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = splits.get(i).sizeEstimate();
    }
    return sizes;
  }

  /**
   * Where {@code taskCount} contiguous shares of splits with these sizes start: element {@code t} is
   * task {@code t}'s first split, element {@code taskCount} is the split count. Sizes below 1 count as 1
   * (an empty file still costs an open).
   */
  public static int[] boundaries(long[] sizes, int taskCount) {
    int n = sizes.length;
    int k = Math.max(1, taskCount);
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + Math.max(1, sizes[i]);
    }
    int[] b = new int[k + 1];
    b[k] = n;
    for (int t = 0; t < k - 1; t++) {
      int start = b[t];
      int tasksLeft = k - t;
      int splitsLeft = n - start;
      // While splits suffice, leave at least one for each later task and take at least one.
      int lo = splitsLeft >= tasksLeft ? start + 1 : start;
      int hi = splitsLeft >= tasksLeft ? n - (tasksLeft - 1) : n;
      double target = prefix[start] + (prefix[n] - prefix[start]) / tasksLeft;
      int i = lo;
      while (i < hi && prefix[i] < target) {
        i++;
      }
      // i is the first cut at or past the target (or hi); the cut before it may be nearer.
      if (i > lo && target - prefix[i - 1] <= prefix[i] - target) {
        i--;
      }
      b[t + 1] = i;
    }
    return b;
  }
}
