package io.quiver.executor.operator.hash;

import io.quiver.executor.BatchStream;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import io.quiver.executor.runtime.SpillFiles;
import io.quiver.executor.runtime.SpillReader;
import io.quiver.executor.runtime.SpillWriter;
import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Rows an operator could not keep in memory, partitioned by the hash of their key into
 * {@link #PARTITIONS} Arrow IPC spill files: the input rows of a GROUP BY past its budget, or both sides
 * of a grace hash join. Rows of one key always land in one partition, so each partition can later be
 * aggregated (or joined) on its own. Each recursion {@link #level} takes other hash bits
 * (a partition that spills again splits its rows differently). Dictionary-encoded columns are written
 * as plain strings. Writes are synchronized (the workers of a parallel aggregation share one spill).
 */
public final class HashPartitionSpill implements AutoCloseable {
  /** Partitions per level (a power of two). */
  public static final int PARTITIONS = 16;
  /** Levels of re-partitioning (GROUP BY then aggregates in memory whatever the size; a join gives up). */
  public static final int MAX_LEVEL = 4;

  private final Schema schema;
  private final String kind;
  private final int level;
  private final Reservation memory;
  private final BufferAllocator allocator;
  private final SpillWriter[] writers = new SpillWriter[PARTITIONS];
  private final Path[] files = new Path[PARTITIONS];
  private final int[][] rows = new int[PARTITIONS][];
  private final int[] counts = new int[PARTITIONS];
  /** Rows collected per partition until they make a batch worth writing (tiny IPC batches are slow). */
  private final VectorSchemaRoot[] pending = new VectorSchemaRoot[PARTITIONS];
  /** Rows per written batch. */
  private static final int FLUSH_ROWS = 2048;

  /** A spill of rows of {@code schema} (the aggregation's input schema, strings not dictionary-encoded). */
  public HashPartitionSpill(Schema schema, int level, Reservation memory, BufferAllocator allocator) {
    this(schema, "group", level, memory, allocator);
  }

  /** As above, with {@code kind} naming the spill files (e.g. {@code join}). */
  public HashPartitionSpill(Schema schema, String kind, int level, Reservation memory, BufferAllocator allocator) {
    this.schema = schema;
    this.kind = kind;
    this.level = level;
    this.memory = memory;
    this.allocator = allocator;
  }

  public Schema schema() {
    return schema;
  }

  public int level() {
    return level;
  }

  /** The partition a key hash belongs to at this level. */
  public int partitionOf(long hash) {
    return (int) (hash >>> (40 + 4 * level)) & (PARTITIONS - 1);
  }

  /** Whether partition {@code p} received rows. */
  public synchronized boolean hasRows(int p) {
    return files[p] != null;
  }

  /** Writes rows {@code indices[0..count)} of {@code batch}, whose key hashes are {@code hashes[row]}. */
  public synchronized void write(VectorSchemaRoot batch, int[] indices, int count, long[] hashes) {
    for (int p = 0; p < PARTITIONS; p++) {
      counts[p] = 0;
      if (rows[p] == null || rows[p].length < count) {
        rows[p] = new int[Math.max(count, 1024)];
      }
    }
    for (int i = 0; i < count; i++) {
      int row = indices[i];
      int p = partitionOf(hashes[row]);
      rows[p][counts[p]++] = row;
    }
    for (int p = 0; p < PARTITIONS; p++) {
      if (counts[p] == 0) {
        continue;
      }
      if (writers[p] == null) {
        files[p] = SpillFiles.create(memory.spillDir(), kind);
        writers[p] = new SpillWriter(files[p], schema);
        pending[p] = Batches.empty(schema, allocator);
        pending[p].allocateNew();
      }
      try (VectorSchemaRoot part = decoded(Batches.take(batch, rows[p], counts[p], allocator))) {
        BatchConcat.append(pending[p], part);
      }
      if (pending[p].getRowCount() >= FLUSH_ROWS) {
        flush(p);
      }
    }
  }

  private void flush(int p) {
    if (pending[p] == null) {
      return;
    }
    long before = writers[p].bytes();
    writers[p].write(pending[p]);
    memory.spilled(writers[p].bytes() - before);
    pending[p].close();
    pending[p] = Batches.empty(schema, allocator);
    pending[p].allocateNew();
  }

  /** {@code b} (taken over) with dictionary-encoded columns replaced by plain strings, named as the schema. */
  private VectorSchemaRoot decoded(VectorSchemaRoot b) {
    List<FieldVector> out = new ArrayList<>(b.getFieldVectors().size());
    int n = b.getRowCount();
    for (int c = 0; c < b.getFieldVectors().size(); c++) {
      FieldVector v = b.getVector(c);
      if (v instanceof DictionaryVector d) {
        Field f = schema.getFields().get(c);
        VarCharVector s = new VarCharVector(f, allocator);
        s.allocateNew(n);
        StringDictionary dict = d.dictionary();
        int[] off = dict.offsets();
        for (int i = 0; i < n; i++) {
          if (d.isNull(i)) {
            s.setNull(i);
          } else {
            int id = d.id(i);
            s.setSafe(i, dict.bytes(), off[id], off[id + 1] - off[id]);
          }
        }
        s.setValueCount(n);
        d.close();
        out.add(s);
      } else {
        out.add(v);
      }
    }
    return new VectorSchemaRoot(schema.getFields(), out, n);
  }

  /** Ends writing; call before reading partitions. */
  public synchronized void finish() {
    for (int p = 0; p < PARTITIONS; p++) {
      if (writers[p] != null) {
        flush(p);
        pending[p].close();
        pending[p] = null;
        writers[p].close();
      }
    }
  }

  /** The rows of partition {@code p} (which must have rows), as caller-owned batches. */
  public BatchStream open(int p, BufferAllocator into) {
    return new SpillReader(files[p], schema, into);
  }

  /** Deletes partition {@code p}'s file once it has been aggregated. */
  public synchronized void delete(int p) {
    SpillFiles.delete(files[p]);
    files[p] = null;
  }

  @Override
  public synchronized void close() {
    for (int p = 0; p < PARTITIONS; p++) {
      if (pending[p] != null) {
        pending[p].close();
        pending[p] = null;
      }
      if (writers[p] != null) {
        try {
          writers[p].close();
        } catch (RuntimeException ignored) {
          // the file goes anyway
        }
        writers[p] = null;
      }
      SpillFiles.delete(files[p]);
      files[p] = null;
    }
  }
}
