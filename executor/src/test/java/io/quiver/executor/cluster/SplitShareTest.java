package io.quiver.executor.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.source.FileRangeSplit;
import io.quiver.executor.source.SourceSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shares are contiguous, cover every split once, and are near equal in size even for skewed inputs. */
class SplitShareTest {
  /** Each task's total size under {@code b}. */
  private static long[] loads(long[] sizes, int[] b) {
    long[] loads = new long[b.length - 1];
    for (int t = 0; t < loads.length; t++) {
      for (int i = b[t]; i < b[t + 1]; i++) {
        loads[t] += Math.max(1, sizes[i]);
      }
    }
    return loads;
  }

  private static void assertCovers(int[] b, int n, int k) {
    assertEquals(k + 1, b.length);
    assertEquals(0, b[0]);
    assertEquals(n, b[k]);
    for (int t = 0; t < k; t++) {
      assertTrue(b[t] <= b[t + 1], "shares are contiguous and in order: " + Arrays.toString(b));
    }
  }

  @Test
  void equalSizesGiveEveryTaskItsFairCount() {
    for (int n = 0; n <= 40; n++) {
      for (int k = 1; k <= 9; k++) {
        long[] sizes = new long[n];
        Arrays.fill(sizes, 7);
        int[] b = SplitShare.boundaries(sizes, k);
        assertCovers(b, n, k);
        for (int t = 0; t < k; t++) {
          if (n < k) {
            assertTrue(b[t + 1] - b[t] <= 1, "at most one split per task: " + Arrays.toString(b));
            continue;
          }
          int count = b[t + 1] - b[t];
          assertTrue(count == n / k || count == (n + k - 1) / k, "n=" + n + " k=" + k + ": " + Arrays.toString(b));
        }
      }
    }
  }

  @Test
  void oneHugeSplitAmongManyTinyOnesIsAShareOfItsOwn() {
    // One 1 GB file and 100 files of 10 KB, the big one in the middle of the listing.
    long[] sizes = new long[101];
    Arrays.fill(sizes, 10_000);
    sizes[50] = 1L << 30;
    int[] b = SplitShare.boundaries(sizes, 4);
    assertCovers(b, sizes.length, 4);
    long[] loads = loads(sizes, b);
    long max = Arrays.stream(loads).max().getAsLong();
    // The huge split cannot be cut further, so its share is it plus at most the tiny ones next to it.
    assertTrue(max < (1L << 30) + 600_000, Arrays.toString(loads));
    for (long l : loads) {
      assertTrue(l > 0, "every task has work: " + Arrays.toString(loads));
    }
  }

  @Test
  void aBigFileCutIntoRangesBesideTinyFilesGivesNearEqualShares() {
    // What LineSplits makes of a 1 GB CSV (16 ranges of 64 MB) next to 100 files of 1 KB.
    List<SourceSplit> splits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      splits.add(FileRangeSplit.whole("tiny" + i + ".csv", 1024));
    }
    long big = 1L << 30;
    for (int r = 0; r < 16; r++) {
      splits.add(new FileRangeSplit("big.csv", big * r / 16, r == 15 ? FileRangeSplit.TO_END : big * (r + 1) / 16, big));
    }
    for (int i = 50; i < 100; i++) {
      splits.add(FileRangeSplit.whole("tiny" + i + ".csv", 1024));
    }
    for (int k : new int[] {2, 3, 4, 8}) {
      long total = 0;
      long max = 0;
      int covered = 0;
      for (int t = 0; t < k; t++) {
        SplitShare share = new SplitShare(t, k);
        List<SourceSplit> mine = share.of(splits);
        assertEquals(covered, share.first(splits), "shares follow each other");
        covered += mine.size();
        long load = mine.stream().mapToLong(SourceSplit::sizeEstimate).sum();
        total += load;
        max = Math.max(max, load);
      }
      assertEquals(splits.size(), covered);
      // Within one range (64 MB) of the fair share; by count, one task would have read all of big.csv.
      assertTrue(max <= total / k + (big / 16), "k=" + k + " max=" + max + " fair=" + total / k);
    }
  }

  @Test
  void tinySplitsCoalesceIntoFewShares() {
    // 4 tasks, 3 big splits then 30 tiny ones: the tiny ones go together to the last task.
    long[] sizes = new long[33];
    Arrays.fill(sizes, 1);
    sizes[0] = 1000;
    sizes[1] = 1000;
    sizes[2] = 1000;
    int[] b = SplitShare.boundaries(sizes, 4);
    assertArrayEquals(new int[] {0, 1, 2, 3, 33}, b);
  }

  @Test
  void moreTasksThanSplitsLeavesSomeTasksEmpty() {
    int[] b = SplitShare.boundaries(new long[] {5, 5}, 4);
    assertCovers(b, 2, 4);
    assertArrayEquals(new int[] {0, 0, 1, 1, 2}, b);
  }
}
