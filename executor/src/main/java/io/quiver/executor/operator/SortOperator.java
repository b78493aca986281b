package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.sort.ParallelGather;
import io.quiver.executor.operator.sort.RowComparator;
import io.quiver.executor.operator.sort.RowSorter;
import io.quiver.executor.operator.sort.SortedRuns;
import io.quiver.executor.runtime.QueryMemory;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * ORDER BY ({@link SortNode}): gathers its input into one batch (copied once, at the end), sorts the row indices (stable), then
 * returns rows {@code [offset, offset+fetch)} in batches of {@code ctx.batchSize()} rows. With a fetch it
 * is a top-N: whenever the gathered rows exceed twice what must be kept, they are cut back to the best
 * {@code offset+fetch}, so memory stays bounded whatever the input size.
 *
 * <p>A full sort whose gathered rows outgrow the query's memory budget ({@link QueryMemory}) becomes an
 * external merge sort: the rows so far are sorted and written as a run to a spill file, and at the end
 * the runs are merged ({@link SortedRuns}). The spill files are deleted when the operator closes.
 */
public final class SortOperator implements BatchStream {
  private final BatchStream input;
  private final SortNode node;
  private final ExecContext ctx;
  private VectorSchemaRoot rows;
  /** Input batches not yet copied into {@link #rows}: copied all at once, sized exactly (no regrowing). */
  private final List<VectorSchemaRoot> pending = new ArrayList<>();
  private long pendingRows;
  private long pendingBytes;
  private int[] order;
  private int position;
  private boolean inputClosed;
  private Reservation memory;
  private SortedRuns runs;
  private BatchStream merged;
  private long toSkip;

  public SortOperator(BatchStream input, SortNode node, ExecContext ctx) {
    this.input = input;
    this.node = node;
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    if (order == null && merged == null) {
      sortInput();
    }
    if (merged != null) {
      return nextMerged();
    }
    if (position >= order.length) {
      return null;
    }
    int count = Math.min(ctx.batchSize(), order.length - position);
    int[] chunk = Arrays.copyOfRange(order, position, position + count);
    position += count;
    VectorSchemaRoot out = ParallelGather.take(rows, chunk, count, ctx);
    if (position >= order.length) {
      release();
    }
    return out;
  }

  /** The next batch of the merged runs, after skipping the offset. */
  private VectorSchemaRoot nextMerged() {
    while (true) {
      ctx.checkCancelled();
      VectorSchemaRoot b = merged.next();
      if (b == null || toSkip == 0) {
        return b;
      }
      int rowsIn = b.getRowCount();
      if (rowsIn <= toSkip) {
        toSkip -= rowsIn;
        b.close();
        continue;
      }
      try (b) {
        int from = (int) toSkip;
        toSkip = 0;
        return Batches.slice(b, from, rowsIn - from, ctx.allocator());
      }
    }
  }

  /** Rows to keep: offset+fetch for a top-N, or -1 for all. */
  private long keep() {
    return node.fetch() < 0 ? -1 : node.offset() + node.fetch();
  }

  private void sortInput() {
    long keep = keep();
    rows = Batches.empty(input.schema(), ctx.allocator());
    // Appending grows the target by doubling, which needs a non-empty start.
    rows.allocateNew();
    if (keep == 0) {
      order = new int[0];
      closeInput();
      return;
    }
    long compactAt = keep < 0 ? Long.MAX_VALUE : keep + Math.max(keep, ctx.batchSize());
    // Only a full sort can outgrow memory (a top-N keeps a bounded number of rows).
    memory = keep < 0 ? QueryMemory.reservation(ctx, node) : null;
    VectorSchemaRoot batch;
    while ((batch = input.next()) != null) {
      if (batch.getRowCount() == 0) {
        batch.close();
        continue;
      }
      pending.add(batch);
      pendingRows += batch.getRowCount();
      pendingBytes += Batches.bufferBytes(batch);
      ctx.checkCancelled();
      if (memory != null && !memory.grow(stateBytes())) {
        spillRun();
      }
      if (rows.getRowCount() + pendingRows >= compactAt) {
        concatPending();
        int[] best = RowSorter.top(new RowComparator(rows, node.keys()), rows.getRowCount(), (int) keep);
        VectorSchemaRoot kept = Batches.take(rows, best, best.length, ctx.allocator());
        rows.close();
        rows = kept;
      }
    }
    closeInput();
    concatPending();
    if (runs != null) {
      if (rows.getRowCount() > 0) {
        spillRun();
      }
      release();
      toSkip = node.offset();
      merged = runs.merge();
      return;
    }
    RowComparator cmp = new RowComparator(rows, node.keys());
    int n = rows.getRowCount();
    int[] sorted = keep < 0 || keep >= n ? RowSorter.sort(cmp, n) : RowSorter.top(cmp, n, (int) keep);
    int from = (int) Math.min(node.offset(), sorted.length);
    order = from == 0 ? sorted : Arrays.copyOfRange(sorted, from, sorted.length);
  }

  /**
   * Moves the input batches held so far into {@link #rows}: when it is empty (the usual case: a sort
   * without spill or top-N) in one copy sized for all of them, else by appending.
   */
  private void concatPending() {
    if (pending.isEmpty()) {
      return;
    }
    List<VectorSchemaRoot> batches = new ArrayList<>(pending);
    pending.clear();
    pendingRows = 0;
    pendingBytes = 0;
    if (rows.getRowCount() == 0) {
      rows.close();
      rows = Batches.empty(input.schema(), ctx.allocator());
      BatchConcat.concat(rows, batches);
      return;
    }
    try {
      for (VectorSchemaRoot b : batches) {
        BatchConcat.append(rows, b);
      }
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  /**
   * Bytes the gathered rows take (those still held as input batches included), plus the sort's index and
   * key arrays (about 40 bytes a row).
   */
  private long stateBytes() {
    return Batches.bufferBytes(rows) + pendingBytes + 40L * (rows.getRowCount() + pendingRows);
  }

  /** Sorts the rows gathered so far into a new run on disk and starts gathering afresh. */
  private void spillRun() {
    concatPending();
    if (runs == null) {
      runs = new SortedRuns(input.schema(), node.keys(), ctx.allocator(), memory, ctx.batchSize());
    }
    int n = rows.getRowCount();
    long bytesPerRow = stateBytes() / Math.max(1, n);
    int[] sorted = RowSorter.sort(new RowComparator(rows, node.keys()), n);
    runs.add(rows, sorted, bytesPerRow);
    rows.close();
    rows = Batches.empty(input.schema(), ctx.allocator());
    rows.allocateNew();
    memory.resize(0);
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  private void release() {
    pending.forEach(VectorSchemaRoot::close);
    pending.clear();
    if (rows != null) {
      rows.close();
      rows = null;
    }
  }

  @Override
  public void close() {
    closeInput();
    release();
    if (runs != null) {
      runs.close(); // also closes the merged stream
      runs = null;
      merged = null;
    }
    if (memory != null) {
      memory.close();
    }
  }
}
