package io.quiver.executor.runtime;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.Batches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Named blocks of Arrow batches (a worker's task outputs under their {@code BlockId} ticket, a
 * materialized table under its name), kept in memory up to a budget and spilled to Arrow IPC files in a
 * spill directory beyond it, oldest block first. Readers get caller-owned batches either way: zero-copy
 * slices of in-memory blocks, or batches read back from the spill file. Thread-safe.
 *
 * <p>Memory is measured exactly: stored batches are moved into the store's own allocator, whose
 * allocated bytes are what the budget bounds. A spill file is deleted when its block is dropped or
 * replaced, when the store closes, and at JVM exit at the latest.
 *
 * <p>It is a worker's {@link io.quiver.executor.cluster.BlockStorage}: task outputs spill like tables.
 */
public final class BlockStore implements io.quiver.executor.cluster.BlockStorage, AutoCloseable {
  /** One block: in memory ({@code batches} non-null) or on disk ({@code file} non-null). */
  private static final class Block {
    final Schema schema;
    final long rows;
    List<VectorSchemaRoot> batches;
    Path file;

    Block(Schema schema, long rows, List<VectorSchemaRoot> batches) {
      this.schema = schema;
      this.rows = rows;
      this.batches = batches;
    }
  }

  private final BufferAllocator allocator;
  private volatile Path spillDir;
  /** Insertion order = spill order (oldest first). */
  private final Map<String, Block> blocks = new LinkedHashMap<>();
  private final AtomicLong spilledBytes = new AtomicLong();
  private final AtomicLong spilledBlocks = new AtomicLong();
  private volatile long budget;
  private boolean closed;

  /**
   * A store whose in-memory blocks are allocated under {@code parent} and take at most
   * {@code memoryBudgetBytes} (beyond it blocks spill into {@code spillDir}, created when first needed).
   */
  public BlockStore(BufferAllocator parent, long memoryBudgetBytes, Path spillDir) {
    this.allocator = parent.newChildAllocator("blocks", 0, Long.MAX_VALUE);
    this.budget = memoryBudgetBytes;
    this.spillDir = spillDir;
  }

  /** The allocator of in-memory blocks; batches put from it are stored without a transfer. */
  public BufferAllocator allocator() {
    return allocator;
  }

  /** Changes the memory budget (e.g. after {@code SET memory_limit}), spilling blocks if now over it. */
  public synchronized void setMemoryBudget(long bytes) {
    budget = bytes;
    spillOverBudget();
  }

  /** Where blocks spilled from now on go (e.g. after {@code SET spill_dir}). */
  public void setSpillDir(Path dir) {
    spillDir = dir;
  }

  public long memoryBudget() {
    return budget;
  }

  /** Bytes the in-memory blocks take now. */
  public long memoryBytes() {
    return allocator.getAllocatedMemory();
  }

  /** Bytes written to spill files by this store so far. */
  public long spilledBytes() {
    return spilledBytes.get();
  }

  /** Blocks this store has spilled so far. */
  public long spilledBlocks() {
    return spilledBlocks.get();
  }

  /**
   * Stores (or replaces) the block {@code key}; the store takes ownership of {@code batches} (also when
   * this throws). Spills the oldest blocks, possibly this one, if the store is then over its budget.
   */
  public synchronized void put(String key, Schema schema, List<VectorSchemaRoot> batches) {
    List<VectorSchemaRoot> owned = new ArrayList<>(batches.size());
    long rows = 0;
    try {
      checkOpen();
      for (VectorSchemaRoot b : batches) {
        rows += b.getRowCount();
        owned.add(own(b, schema));
      }
    } catch (RuntimeException e) {
      owned.forEach(VectorSchemaRoot::close);
      batches.forEach(VectorSchemaRoot::close);
      throw e;
    }
    Block old = blocks.remove(key);
    blocks.put(key, new Block(schema, rows, owned));
    if (old != null) {
      release(old);
    }
    spillOverBudget();
  }

  /**
   * Streams block {@code key} as caller-owned batches allocated in (or transferred to) {@code allocator}.
   * The stream stays valid if the block is dropped or spilled meanwhile.
   */
  public synchronized BatchStream open(String key, BufferAllocator allocator) {
    Block b = block(key);
    if (b.file != null) {
      return new SpillReader(b.file, b.schema, allocator);
    }
    // Slice everything now: the slices share (and keep alive) the buffers, so a later spill or drop
    // of the block cannot pull them from under the reader.
    List<VectorSchemaRoot> slices = new ArrayList<>(b.batches.size());
    for (VectorSchemaRoot batch : b.batches) {
      slices.add(Batches.slice(batch, 0, batch.getRowCount(), allocator));
    }
    return new ListStream(b.schema, slices);
  }

  public synchronized boolean contains(String key) {
    return blocks.containsKey(key);
  }

  public synchronized Schema schema(String key) {
    return block(key).schema;
  }

  public synchronized long rows(String key) {
    return block(key).rows;
  }

  /** Whether block {@code key} is on disk now (for tests and EXPLAIN). */
  public synchronized boolean isSpilled(String key) {
    return block(key).file != null;
  }

  /** The keys stored now, oldest first. */
  public synchronized List<String> keys() {
    return new ArrayList<>(blocks.keySet());
  }

  /** Drops block {@code key} (nothing happens if there is none). */
  public synchronized void drop(String key) {
    Block b = blocks.remove(key);
    if (b != null) {
      release(b);
    }
  }

  /** Drops every block whose key starts with {@code keyPrefix} (e.g. all of one query's blocks). */
  public synchronized void dropPrefix(String keyPrefix) {
    Iterator<Map.Entry<String, Block>> it = blocks.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Block> e = it.next();
      if (e.getKey().startsWith(keyPrefix)) {
        it.remove();
        release(e.getValue());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    blocks.values().forEach(BlockStore::release);
    blocks.clear();
    allocator.close();
  }

  private Block block(String key) {
    Block b = blocks.get(key);
    if (b == null) {
      throw new QuiverException("Block '" + key + "' does not exist" + (closed ? " (the block store is closed)." : "."));
    }
    return b;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("block store closed");
    }
  }

  /** {@code b} moved into this store's allocator (unless it is there already), named as {@code schema}. */
  private VectorSchemaRoot own(VectorSchemaRoot b, Schema schema) {
    List<FieldVector> moved = new ArrayList<>(b.getFieldVectors().size());
    boolean local = true;
    for (FieldVector v : b.getFieldVectors()) {
      local &= v.getAllocator() == allocator;
    }
    if (local) {
      return b;
    }
    try {
      for (FieldVector v : b.getFieldVectors()) {
        TransferPair tp = v.getTransferPair(allocator);
        tp.transfer();
        moved.add((FieldVector) tp.getTo());
      }
    } catch (RuntimeException e) {
      moved.forEach(FieldVector::close);
      throw e;
    }
    int rows = b.getRowCount();
    b.close();
    return new VectorSchemaRoot(schema.getFields(), moved, rows);
  }

  /** Spills the oldest in-memory blocks until the store is within its budget. */
  private void spillOverBudget() {
    if (allocator.getAllocatedMemory() <= budget) {
      return;
    }
    for (Map.Entry<String, Block> e : blocks.entrySet()) {
      if (allocator.getAllocatedMemory() <= budget) {
        return;
      }
      Block b = e.getValue();
      if (b.file == null) {
        spill(e.getKey(), b);
      }
    }
  }

  private void spill(String key, Block b) {
    Path file = SpillFiles.create(spillDir, "block");
    try (SpillWriter w = new SpillWriter(file, b.schema)) {
      for (VectorSchemaRoot batch : b.batches) {
        w.write(batch);
      }
      w.close();
      spilledBytes.addAndGet(w.bytes());
    } catch (RuntimeException ex) {
      SpillFiles.delete(file);
      throw new QuiverException("Cannot spill block '" + key + "' to " + spillDir + ": " + ex.getMessage(), ex);
    }
    b.batches.forEach(VectorSchemaRoot::close);
    b.batches = null;
    b.file = file;
    spilledBlocks.incrementAndGet();
  }

  private static void release(Block b) {
    if (b.batches != null) {
      b.batches.forEach(VectorSchemaRoot::close);
      b.batches = null;
    }
    SpillFiles.delete(b.file);
    b.file = null;
  }

  /** A stream over batches handed over up front; closing early releases the rest. */
  static final class ListStream implements BatchStream {
    private final Schema schema;
    private final List<VectorSchemaRoot> batches;
    private int next;

    ListStream(Schema schema, List<VectorSchemaRoot> batches) {
      this.schema = schema;
      this.batches = batches;
    }

    @Override
    public Schema schema() {
      return schema;
    }

    @Override
    public VectorSchemaRoot next() {
      if (next >= batches.size()) {
        return null;
      }
      VectorSchemaRoot b = batches.get(next);
      batches.set(next++, null);
      return b;
    }

    @Override
    public long batchesAhead() {
      return batches.size() - next;
    }

    @Override
    public void close() {
      for (int i = next; i < batches.size(); i++) {
        batches.get(i).close();
      }
      next = batches.size();
    }
  }
}
