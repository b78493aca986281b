package io.quiver.executor.operator.sort;

import io.quiver.executor.BatchStream;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import io.quiver.executor.runtime.SpillFiles;
import io.quiver.executor.runtime.SpillReader;
import io.quiver.executor.runtime.SpillWriter;
import io.quiver.executor.vector.Batches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The sorted runs of an external sort, each an Arrow IPC spill file, and their merge. Runs are written
 * in small batches so that a merge of {@link #FAN_IN} runs holds about a quarter of the budget (at least 1024 rows a batch); more runs
 * than that are first merged in passes into longer runs. Every file is deleted by {@link #close}.
 */
public final class SortedRuns implements AutoCloseable {
  /** Most runs merged at once. */
  static final int FAN_IN = 64;

  private final Schema schema;
  private final List<SortKey> keys;
  private final BufferAllocator allocator;
  private final Reservation memory;
  private final int batchSize;
  private final List<Path> runs = new ArrayList<>();
  private final List<BatchStream> open = new ArrayList<>();
  private int runBatchRows;

  public SortedRuns(Schema schema, List<SortKey> keys, BufferAllocator allocator, Reservation memory, int batchSize) {
    this.schema = schema;
    this.keys = keys;
    this.allocator = allocator;
    this.memory = memory;
    this.batchSize = batchSize;
  }

  public int count() {
    return runs.size();
  }

  /** Writes rows {@code order[0..n)} of {@code rows} (in that order) as a new run. */
  public void add(VectorSchemaRoot rows, int[] order, long bytesPerRow) {
    if (runBatchRows == 0) {
      long rowsForMerge = memory.limit() / 4 / FAN_IN / Math.max(1, bytesPerRow);
      runBatchRows = (int) Math.max(1024, Math.min(batchSize, rowsForMerge));
    }
    Path file = SpillFiles.create(memory.spillDir(), "sort");
    runs.add(file);
    try (SpillWriter w = new SpillWriter(file, schema)) {
      for (int from = 0; from < order.length; from += runBatchRows) {
        int count = Math.min(runBatchRows, order.length - from);
        try (VectorSchemaRoot chunk = Batches.take(rows, Arrays.copyOfRange(order, from, from + count), count, allocator)) {
          w.write(chunk);
        }
      }
      w.close();
      memory.spilled(w.bytes());
    }
  }

  /** The merged, sorted stream of all runs; it is closed with this object (or earlier by the caller). */
  public BatchStream merge() {
    while (runs.size() > FAN_IN) {
      List<Path> group = new ArrayList<>(runs.subList(0, FAN_IN));
      Path file = SpillFiles.create(memory.spillDir(), "sort");
      try (BatchStream merged = merger(group); SpillWriter w = new SpillWriter(file, schema)) {
        // the merged run replaces the first runs, so ties still come out in input order
        VectorSchemaRoot b;
        while ((b = merged.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            w.write(batch);
          }
        }
        w.close();
        memory.spilled(w.bytes());
      } catch (RuntimeException e) {
        SpillFiles.delete(file);
        throw e;
      }
      group.forEach(SpillFiles::delete);
      runs.subList(0, FAN_IN).clear();
      runs.add(0, file);
    }
    BatchStream merged = merger(new ArrayList<>(runs));
    open.add(merged);
    return merged;
  }

  private BatchStream merger(List<Path> files) {
    List<BatchStream> readers = new ArrayList<>(files.size());
    for (Path f : files) {
      readers.add(new SpillReader(f, schema, allocator));
    }
    return new RunMerger(schema, readers, keys, allocator, batchSize);
  }

  @Override
  public void close() {
    open.forEach(BatchStream::close);
    open.clear();
    runs.forEach(SpillFiles::delete);
    runs.clear();
  }
}
