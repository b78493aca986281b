package io.quiver.executor.operator.sort;

/**
 * Sorts row indices with a {@link RowComparator}: a merge sort (insertion sort for short runs) for all
 * rows, or a bounded max-heap for the best {@code k} rows, which costs O(n log k) and keeps only k
 * indices.
 */
public final class RowSorter {
  private static final int INSERTION_THRESHOLD = 24;

  private RowSorter() {}

  /** The indices {@code 0..n-1} in sorted order. */
  public static int[] sort(RowComparator cmp, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    if (n > 1) {
      int[] aux = a.clone();
      mergeSort(cmp, aux, a, 0, n);
    }
    return a;
  }

  /** The best {@code min(k, n)} row indices of {@code 0..n-1}, in sorted order. */
  public static int[] top(RowComparator cmp, int n, int k) {
    if (k <= 0) {
      return new int[0];
    }
    if ((long) k * 8 >= n) {
      int[] all = sort(cmp, n);
      return k >= n ? all : java.util.Arrays.copyOf(all, k);
    }
    // A max-heap of the k best rows seen so far: its root is the worst of them.
    int[] heap = new int[k];
    int size = 0;
    for (int row = 0; row < n; row++) {
      if (size < k) {
        heap[size] = row;
        siftUp(cmp, heap, size++);
      } else if (cmp.compare(row, heap[0]) < 0) {
        heap[0] = row;
        siftDown(cmp, heap, 0, size);
      }
    }
    // Rows are compared with a position tie-break, so sorting the survivors gives the exact prefix.
    int[] aux = heap.clone();
    mergeSort(cmp, aux, heap, 0, size);
    return heap;
  }

  private static void siftUp(RowComparator cmp, int[] heap, int i) {
    int x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (cmp.compare(heap[parent], x) >= 0) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private static void siftDown(RowComparator cmp, int[] heap, int i, int size) {
    int x = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && cmp.compare(heap[child + 1], heap[child]) > 0) {
        child++;
      }
      if (cmp.compare(heap[child], x) <= 0) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }

  /** Sorts {@code src[lo, hi)} into {@code dst[lo, hi)}; both start with the same contents. */
  private static void mergeSort(RowComparator cmp, int[] src, int[] dst, int lo, int hi) {
    if (hi - lo <= INSERTION_THRESHOLD) {
      for (int i = lo + 1; i < hi; i++) {
        int x = dst[i];
        int j = i - 1;
        while (j >= lo && cmp.compare(dst[j], x) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(cmp, dst, src, lo, mid);
    mergeSort(cmp, dst, src, mid, hi);
    if (cmp.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, lo, dst, lo, hi - lo);
      return;
    }
    for (int i = lo, p = lo, q = mid; i < hi; i++) {
      if (q >= hi || (p < mid && cmp.compare(src[p], src[q]) <= 0)) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }
}
