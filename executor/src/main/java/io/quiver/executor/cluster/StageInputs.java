package io.quiver.executor.cluster;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.Batches;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A task's inputs from earlier stages (an {@link ExecContext} attachment that
 * {@link io.quiver.executor.plan.StageInputNode} leaves read): per stage id, the blocks to read in order,
 * fetched through a {@link BlockFetcher}. A failing fetch is retried a few times, resuming after the
 * batches already read; a lost worker ({@link WorkerLostException}) is not retried here, the scheduler
 * re-makes its blocks. Blocks still being written are read as they grow, in list order (a block is
 * read to its end before the next one starts, so the order of rows is the same as after the stage).
 */
public final class StageInputs {
  /** Attempts per block before a fetch error fails the task. */
  static final int FETCH_ATTEMPTS = 3;

  private final Map<Integer, List<BlockLocation>> inputs;
  private final BlockFetcher fetcher;

  public StageInputs(Map<Integer, List<BlockLocation>> inputs, BlockFetcher fetcher) {
    this.inputs = inputs;
    this.fetcher = fetcher;
  }

  /** The blocks of stage {@code stage}, one after another, as batches named by {@code schema}. */
  public BatchStream open(int stage, Schema schema, ExecContext ctx) {
    List<BlockLocation> blocks = inputs.get(stage);
    if (blocks == null) {
      throw new IllegalStateException("the task has no inputs for stage " + stage + " (has " + inputs.keySet() + ")");
    }
    return new BlocksStream(blocks, schema, ctx);
  }

  /** Reads a list of blocks in order. */
  private final class BlocksStream implements BatchStream {
    private final List<BlockLocation> blocks;
    private final Schema schema;
    private final ExecContext ctx;
    private int index;
    private BatchStream current;
    /** Batches already returned from the current block, skipped when a retry re-opens it. */
    private int readFromCurrent;
    private int failures;

    BlocksStream(List<BlockLocation> blocks, Schema schema, ExecContext ctx) {
      this.blocks = blocks;
      this.schema = schema;
      this.ctx = ctx;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public VectorSchemaRoot next() {
      while (true) {
        ctx.checkCancelled();
        if (current == null && index >= blocks.size()) {
          return null;
        }
        VectorSchemaRoot b;
        try {
          if (current == null) {
            current = fetcher.fetch(blocks.get(index), ctx.allocator(), ctx::isCancelled);
            for (int i = 0; i < readFromCurrent; i++) {
              VectorSchemaRoot skipped = current.next();
              if (skipped != null) {
                skipped.close();
              }
            }
          }
          b = current.next();
        } catch (WorkerLostException | QuiverException e) {
          throw e;
        } catch (RuntimeException e) {
          closeCurrent();
          if (++failures >= FETCH_ATTEMPTS) {
            throw new QuiverException("Fetching block " + blocks.get(index).block().ticket() + " from worker "
                + blocks.get(index).workerId() + " failed " + FETCH_ATTEMPTS + " times: " + e.getMessage(), e);
          }
          continue;
        }
        if (b == null) {
          closeCurrent();
          index++;
          readFromCurrent = 0;
          continue;
        }
        readFromCurrent++;
        return Batches.of(schema, b.getFieldVectors(), b.getRowCount());
      }
    }

    private void closeCurrent() {
      if (current != null) {
        BatchStream c = current;
        current = null;
        c.close();
      }
    }

    @Override
    public void close() {
      closeCurrent();
    }
  }
}
