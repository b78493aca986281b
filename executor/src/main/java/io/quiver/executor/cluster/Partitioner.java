package io.quiver.executor.cluster;

import io.quiver.executor.vector.Batches;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Cuts one task's output batches into the partitions of its stage's {@link Partitioning}: all to
 * partition 0 (SINGLE), by key hash (HASH, see {@link KeyHasher}), to a seeded pseudo-random
 * partition per row (RANDOM: the same seed, task and row number always pick the same partition), or
 * to every partition (BROADCAST, zero-copy slices).
 */
public final class Partitioner {
  private final Partitioning partitioning;
  private final Schema schema;
  private final int task;
  private final BufferAllocator allocator;
  /** Rows seen so far: the row number RANDOM draws from, so batch boundaries do not matter. */
  private long rowNumber;

  /**
   * @param schema the names and types the output batches carry
   * @param task the producing task's index (part of RANDOM's draw)
   */
  public Partitioner(Partitioning partitioning, Schema schema, int task, BufferAllocator allocator) {
    this.partitioning = partitioning;
    this.schema = schema;
    this.task = task;
    this.allocator = allocator;
  }

  /**
   * The batch's rows per partition (index = partition; null where a partition gets no rows). Takes
   * ownership of {@code batch}; the caller owns the returned batches.
   */
  public VectorSchemaRoot[] split(VectorSchemaRoot batch) {
    int n = partitioning.count();
    VectorSchemaRoot[] out = new VectorSchemaRoot[Math.max(1, n)];
    int rows = batch.getRowCount();
    try {
      switch (partitioning.kind()) {
        case SINGLE:
          out[0] = Batches.of(schema, batch.getFieldVectors(), rows);
          batch = null; // handed over as is
          break;
        case BROADCAST:
          for (int p = 0; p < n; p++) {
            out[p] = renamed(Batches.slice(batch, 0, rows, allocator));
          }
          break;
        default:
          int[] target = new int[rows];
          int[] counts = new int[n];
          List<FieldVector> vectors = batch.getFieldVectors();
          long[] hashes = partitioning.kind() == Partitioning.Kind.HASH
              ? KeyHasher.hashAll(vectors, partitioning.keys(), rows) : null;
          long base = KeyHasher.mix(partitioning.seed() * 31 + task) + rowNumber;
          for (int r = 0; r < rows; r++) {
            long h = hashes != null ? hashes[r] : KeyHasher.mix(base + r);
            target[r] = (int) Math.floorMod(h, (long) n);
            counts[target[r]]++;
          }
          int[][] idx = new int[n][];
          for (int p = 0; p < n; p++) {
            idx[p] = counts[p] == 0 || counts[p] == rows ? null : new int[counts[p]];
          }
          int[] fill = new int[n];
          for (int r = 0; r < rows; r++) {
            int[] to = idx[target[r]];
            if (to != null) {
              to[fill[target[r]]++] = r;
            }
          }
          for (int p = 0; p < n; p++) {
            if (counts[p] > 0) {
              out[p] = renamed(counts[p] == rows ? Batches.slice(batch, 0, rows, allocator)
                  : Batches.take(batch, idx[p], counts[p], allocator));
            }
          }
      }
      rowNumber += rows;
      return out;
    } catch (RuntimeException e) {
      for (VectorSchemaRoot b : out) {
        if (b != null) {
          b.close();
        }
      }
      throw e;
    } finally {
      if (batch != null) {
        batch.close();
      }
    }
  }

  private VectorSchemaRoot renamed(VectorSchemaRoot b) {
    return Batches.of(schema, b.getFieldVectors(), b.getRowCount());
  }
}
