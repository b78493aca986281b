package io.quiver.executor.operator.sort;

import io.quiver.executor.BatchStream;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A k-way merge of sorted runs (each a stream of sorted batches) into one sorted stream. Runs are
 * ranked by a binary heap on their current rows; equal rows come from the earlier run first, so merging
 * runs cut from the input in order keeps the sort stable. Each output batch collects rows until
 * {@code batchSize} or until some run's current batch is used up; the rows taken from each run are a
 * contiguous range of its current batch, so the batch is built by concatenating those ranges once and
 * gathering from them.
 */
public final class RunMerger implements BatchStream {
  private final Schema schema;
  private final List<BatchStream> runs;
  private final List<SortKey> keys;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final VectorSchemaRoot[] current;
  private final MergeKeys[] loaded;
  private final int[] position;
  private final int[] rangeStart;
  private int[] heap;
  private int heapSize;
  private boolean started;
  private int[] fromRun = new int[0];
  private int[] fromRow = new int[0];

  /** Merges {@code runs} (taken over: closed by this stream). */
  public RunMerger(Schema schema, List<BatchStream> runs, List<SortKey> keys, BufferAllocator allocator, int batchSize) {
    this.schema = schema;
    this.runs = runs;
    this.keys = keys;
    this.allocator = allocator;
    this.batchSize = batchSize;
    int k = runs.size();
    current = new VectorSchemaRoot[k];
    loaded = new MergeKeys[k];
    position = new int[k];
    rangeStart = new int[k];
    heap = new int[k];
  }

  @Override
  public Schema schema() {
    return schema;
  }

  /** Loads run {@code r}'s next non-empty batch; false at its end. */
  private boolean advance(int r) {
    if (current[r] != null) {
      current[r].close();
      current[r] = null;
    }
    VectorSchemaRoot b;
    while ((b = runs.get(r).next()) != null) {
      if (b.getRowCount() > 0) {
        current[r] = b;
        if (loaded[r] == null) {
          loaded[r] = new MergeKeys(keys, b);
        }
        loaded[r].load(b);
        position[r] = 0;
        rangeStart[r] = 0;
        return true;
      }
      b.close();
    }
    return false;
  }

  private int compare(int ra, int rb) {
    int c = loaded[ra].compare(position[ra], loaded[rb], position[rb]);
    return c != 0 ? c : Integer.compare(ra, rb);
  }

  private void siftDown(int i) {
    int x = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && compare(heap[child + 1], heap[child]) < 0) {
        child++;
      }
      if (compare(heap[child], x) >= 0) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }

  private void heapify() {
    for (int i = heapSize / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  @Override
  public VectorSchemaRoot next() {
    if (!started) {
      started = true;
      for (int r = 0; r < runs.size(); r++) {
        if (advance(r)) {
          heap[heapSize++] = r;
        }
      }
      heapify();
    }
    if (heapSize == 0) {
      return null;
    }
    if (fromRun.length < batchSize) {
      fromRun = new int[batchSize];
      fromRow = new int[batchSize];
    }
    int count = 0;
    boolean exhausted = false;
    while (count < batchSize && heapSize > 0 && !exhausted) {
      int r = heap[0];
      fromRun[count] = r;
      fromRow[count++] = position[r]++;
      if (position[r] >= current[r].getRowCount()) {
        exhausted = true;
      } else {
        siftDown(0);
      }
    }
    VectorSchemaRoot out = gather(count);
    if (exhausted) {
      // Refill the runs whose batch is used up and rebuild the heap (k is small).
      heapSize = 0;
      for (int r = 0; r < runs.size(); r++) {
        if (current[r] == null) {
          continue;
        }
        if (position[r] < current[r].getRowCount() || advance(r)) {
          heap[heapSize++] = r;
        }
      }
      heapify();
    }
    for (int r = 0; r < runs.size(); r++) {
      rangeStart[r] = position[r];
    }
    return out;
  }

  /** The collected rows as one new batch. */
  private VectorSchemaRoot gather(int count) {
    int single = fromRun[0];
    boolean oneRun = true;
    for (int i = 1; i < count && oneRun; i++) {
      oneRun = fromRun[i] == single;
    }
    if (oneRun) {
      // Zero-copy: the slice keeps the run batch's buffers alive for as long as the consumer holds it.
      return Batches.slice(current[single], fromRow[0], count, allocator);
    }
    int[] base = new int[runs.size()];
    VectorSchemaRoot combined = Batches.empty(schema, allocator);
    try {
      combined.allocateNew();
      for (int r = 0; r < runs.size(); r++) {
        int used = current[r] == null ? 0 : position[r] - rangeStart[r];
        base[r] = combined.getRowCount();
        if (used > 0) {
          try (VectorSchemaRoot slice = Batches.slice(current[r], rangeStart[r], used, allocator)) {
            BatchConcat.append(combined, slice);
          }
        }
      }
      int[] idx = new int[count];
      for (int i = 0; i < count; i++) {
        idx[i] = base[fromRun[i]] + fromRow[i] - rangeStart[fromRun[i]];
      }
      return Batches.take(combined, idx, count, allocator);
    } finally {
      combined.close();
    }
  }

  @Override
  public void close() {
    for (int r = 0; r < runs.size(); r++) {
      if (current[r] != null) {
        current[r].close();
        current[r] = null;
      }
      runs.get(r).close();
    }
    heapSize = 0;
  }
}
