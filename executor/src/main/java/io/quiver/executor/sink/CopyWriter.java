package io.quiver.executor.sink;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs a {@code COPY ... TO}: drains the query's batches, splits them into partition folders, and feeds
 * them to writer lanes on the thread pool. Lanes are added while the existing ones fall behind (up to
 * the query's parallelism), so a small output stays one file and a large one is encoded and compressed
 * on every core. With PARTITION_BY each folder belongs to one lane (by hash). A single-file target or an
 * ordered query ({@link CopySpec#preserveOrder()}) uses one lane. Everything is written as staged files
 * and committed by {@link CopyTransaction} only after the last batch; any failure or cancel aborts.
 */
public final class CopyWriter {
  private static final long OFFER_WAIT_MILLIS = 50;

  /** What a finished COPY wrote. */
  public record Result(long rows, int files, Manifest manifest) {}

  private final CopySpec spec;
  private final ExecContext ctx;
  private final CopyTransaction tx;
  private final HivePartitions partitions;
  private final WriterLane[] lanes;
  private final List<Future<?>> running = new ArrayList<>();
  private int laneCount;

  private CopyWriter(Schema schema, CopySpec spec, CopyTransaction tx, ExecContext ctx) {
    this.spec = spec;
    this.ctx = ctx;
    this.tx = tx;
    this.partitions = new HivePartitions(schema, spec.partitionBy());
    if (spec.format() == CopySpec.Format.PARQUET) {
      ParquetSchemaMapper.messageType(partitions.dataSchema()); // unsupported types fail before any work
    }
    boolean oneLane = spec.singleFile() || spec.preserveOrder();
    this.lanes = new WriterLane[oneLane ? 1 : Math.max(1, ctx.parallelism())];
  }

  /**
   * Checks everything that can be checked before the query runs — the target (an existing one without
   * OVERWRITE fails here), the partition columns, the column types — and returns the writer for rows of
   * {@code schema}. Nothing is written yet.
   */
  public static CopyWriter open(CopySpec spec, Schema schema, Storage storage, ExecContext ctx) {
    if (storage instanceof LocalStorage && spec.target().contains("://") && !spec.target().startsWith("file://")) {
      // Storage.of sends s3:// to S3Storage; any other scheme would become a local folder named "hdfs:".
      throw new QuiverException("COPY: cannot write to '" + spec.target() + "': COPY writes to local paths, "
          + "file:// and s3:// URIs.");
    }
    CopyWriter w = new CopyWriter(schema, spec, new CopyTransaction(storage, spec), ctx);
    w.tx.checkTarget();
    return w;
  }

  /**
   * The writer of one cluster task attempt of the COPY {@code queryId} (see {@link CopyWriteNode}): its
   * files, named with {@code writer}, are staged for the coordinator by {@link #stage}.
   */
  static CopyWriter forTask(CopySpec spec, Schema schema, Storage storage, ExecContext ctx, String queryId,
      String writer) {
    return new CopyWriter(schema, spec, CopyTransaction.forTask(storage, spec, queryId, writer), ctx);
  }

  /**
   * For a COPY whose files the workers write: the id their {@link CopyWriteNode}s carry. This writer
   * then commits what they hand over ({@link #commit(List)}) and, at the end either way, drops what any
   * task attempt left staged.
   */
  public String distribute() {
    tx.expectWorkers();
    return tx.queryId();
  }

  /** {@link #open} then {@link #write(BatchStream)}. The caller closes {@code input}. */
  public static Result write(BatchStream input, CopySpec spec, Storage storage, ExecContext ctx) {
    return open(spec, input.schema(), storage, ctx).write(input);
  }

  /**
   * Writes every row of {@code input} and commits, or on any failure aborts and rethrows; returns the
   * counts. Call once. The caller closes {@code input}.
   */
  public Result write(BatchStream input) {
    try {
      drain(input);
      return commitAll();
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  /**
   * A cluster task's part: writes every row of {@code input} into staged files and returns them
   * uncommitted; on any failure drops them and rethrows. The caller closes {@code input}.
   */
  List<StagedOutput> stage(BatchStream input) {
    try {
      drain(input);
      return tx.handOver();
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  /**
   * Commits the files the workers staged (see {@link #distribute}) as one output, or on any failure
   * drops them and everything else staged for this COPY and rethrows.
   */
  public Result commit(List<StagedOutput> files) {
    try {
      tx.adopt(files);
      return commitAll();
    } catch (Throwable t) {
      throw failed(t);
    }
  }

  /** Drops everything this COPY staged anywhere (the workers' run failed); the target is as before. */
  public void abort() {
    tx.abort();
  }

  private void drain(BatchStream input) throws InterruptedException {
    VectorSchemaRoot b;
    while ((b = input.next()) != null) {
      if (ctx.isCancelled()) {
        b.close();
        ctx.checkCancelled();
      }
      if (b.getRowCount() == 0) {
        b.close();
        continue;
      }
      List<HivePartitions.Part> parts = partitions.split(b, ctx.allocator());
      for (int i = 0; i < parts.size(); i++) {
        try {
          dispatch(parts.get(i));
        } catch (RuntimeException | InterruptedException e) {
          for (int k = i; k < parts.size(); k++) {
            parts.get(k).batch().close();
          }
          throw e;
        }
      }
    }
    endLanes();
  }

  private Result commitAll() {
    if (!tx.hasFiles() && spec.partitionBy().isEmpty()) {
      // No rows: one empty file still carries the schema (DuckDB writes one too).
      new RollingFileWriter(tx, spec, "", partitions.dataSchema()).finish(true);
    }
    Manifest manifest = tx.commit();
    return new Result(manifest.rows(), manifest.files().size(), manifest);
  }

  /** Stops the lanes and drops what was staged after {@code t}; returns what to throw. */
  private RuntimeException failed(Throwable t) {
    stopLanes();
    tx.abort();
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new QuiverException("COPY to '" + spec.target() + "' was interrupted; nothing was written.", t);
    }
    if (t instanceof RuntimeException re) {
      return re;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new QuiverException(String.valueOf(t.getMessage()), t);
  }

  private void dispatch(HivePartitions.Part part) throws InterruptedException {
    WriterLane lane = pick(part.folder());
    while (!lane.offer(part, OFFER_WAIT_MILLIS)) {
      ctx.checkCancelled();
      checkLanes();
    }
    checkLanes();
  }

  /** The folder's lane with PARTITION_BY; otherwise the least busy lane, adding one if all are busy. */
  private WriterLane pick(String folder) {
    if (!spec.partitionBy().isEmpty()) {
      int i = (folder.hashCode() & Integer.MAX_VALUE) % lanes.length;
      return lanes[i] != null ? lanes[i] : start(i);
    }
    WriterLane best = null;
    for (int i = 0; i < laneCount; i++) {
      if (best == null || lanes[i].backlog() < best.backlog()) {
        best = lanes[i];
      }
    }
    if ((best == null || best.backlog() > 0) && laneCount < lanes.length) {
      return start(laneCount);
    }
    return best;
  }

  private WriterLane start(int i) {
    WriterLane lane = new WriterLane(tx, spec, partitions.dataSchema());
    lanes[i] = lane;
    laneCount = Math.max(laneCount, i + 1);
    running.add(ctx.pool().submit(lane));
    return lane;
  }

  private void checkLanes() {
    for (WriterLane lane : lanes) {
      if (lane != null && lane.failure() != null) {
        Throwable t = lane.failure();
        if (t instanceof RuntimeException re) {
          throw re;
        }
        throw new QuiverException("COPY to '" + spec.target() + "' failed: " + t, t);
      }
    }
  }

  /** Ends every lane normally and waits for them; the first lane failure is thrown. */
  private void endLanes() throws InterruptedException {
    for (WriterLane lane : lanes) {
      if (lane != null) {
        lane.end();
      }
    }
    awaitLanes();
    checkLanes();
  }

  /** After a failure: lanes drop their work, and this returns once none can create files any more. */
  private void stopLanes() {
    for (WriterLane lane : lanes) {
      if (lane != null) {
        lane.cancel();
        try {
          lane.end();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    try {
      awaitLanes();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (WriterLane lane : lanes) {
      if (lane != null) {
        lane.drain();
      }
    }
  }

  private void awaitLanes() throws InterruptedException {
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        // Lanes catch their own failures; nothing else can reach here.
      }
    }
    running.clear();
  }
}
