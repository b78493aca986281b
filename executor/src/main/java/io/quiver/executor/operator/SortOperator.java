package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.sort.RowComparator;
import io.quiver.executor.operator.sort.RowSorter;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import java.util.Arrays;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * ORDER BY ({@link SortNode}): gathers its input into one batch, sorts the row indices (stable), then
 * returns rows {@code [offset, offset+fetch)} in batches of {@code ctx.batchSize()} rows. With a fetch it
 * is a top-N: whenever the gathered rows exceed twice what must be kept, they are cut back to the best
 * {@code offset+fetch}, so memory stays bounded whatever the input size.
 */
public final class SortOperator implements BatchStream {
  private final BatchStream input;
  private final SortNode node;
  private final ExecContext ctx;
  private VectorSchemaRoot rows;
  private int[] order;
  private int position;
  private boolean inputClosed;

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
    if (order == null) {
      sortInput();
    }
    if (position >= order.length) {
      return null;
    }
    int count = Math.min(ctx.batchSize(), order.length - position);
    int[] chunk = Arrays.copyOfRange(order, position, position + count);
    position += count;
    VectorSchemaRoot out = Batches.take(rows, chunk, count, ctx.allocator());
    if (position >= order.length) {
      release();
    }
    return out;
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
    VectorSchemaRoot batch;
    while ((batch = input.next()) != null) {
      try (VectorSchemaRoot b = batch) {
        ctx.checkCancelled();
        if (b.getRowCount() > 0) {
          BatchConcat.append(rows, b);
        }
      }
      if (rows.getRowCount() >= compactAt) {
        int[] best = RowSorter.top(new RowComparator(rows, node.keys()), rows.getRowCount(), (int) keep);
        VectorSchemaRoot kept = Batches.take(rows, best, best.length, ctx.allocator());
        rows.close();
        rows = kept;
      }
    }
    closeInput();
    RowComparator cmp = new RowComparator(rows, node.keys());
    int n = rows.getRowCount();
    int[] sorted = keep < 0 || keep >= n ? RowSorter.sort(cmp, n) : RowSorter.top(cmp, n, (int) keep);
    int from = (int) Math.min(node.offset(), sorted.length);
    order = from == 0 ? sorted : Arrays.copyOfRange(sorted, from, sorted.length);
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  private void release() {
    if (rows != null) {
      rows.close();
      rows = null;
    }
  }

  @Override
  public void close() {
    closeInput();
    release();
  }
}
