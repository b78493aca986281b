package io.quiver.executor.cluster;

/**
 * The share of a scan's splits one task reads (an {@link io.quiver.executor.ExecContext} attachment):
 * the contiguous range {@code [task * n / taskCount, (task + 1) * n / taskCount)} of the {@code n}
 * splits, so the tasks' outputs concatenated in task order are the scan in split order.
 */
public record SplitShare(int task, int taskCount) {
  /** The first split of this share. */
  public int first(int splitCount) {
    return (int) ((long) task * splitCount / taskCount);
  }

  /** One past the last split of this share. */
  public int end(int splitCount) {
    return (int) ((long) (task + 1) * splitCount / taskCount);
  }
}
