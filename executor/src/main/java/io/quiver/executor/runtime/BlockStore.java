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
import java.util.function.BooleanSupplier;
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
 *
 * <p><b>Open blocks.</b> A task publishes its output while it runs: {@link #create} makes an open block,
 * {@link #append} adds batches, {@link #seal} ends it (or {@link #fail} marks it failed). A reader of an
 * open block gets the batches appended so far and then waits for more until the block is sealed (the
 * end of its stream) or failed (the reader throws the task's error); dropping it fails its readers too.
 * (A block that does not exist is an error at once: the scheduler hands out a task's blocks only after
 * the worker said the task created them.) Open blocks stay in memory until sealed (a task held its
 * whole output in memory before blocks were streamed, so this takes no more than before); sealed blocks
 * spill as before, also while being read: a reader continues from the spill file at the batch it had
 * reached.
 */
public final class BlockStore implements io.quiver.executor.cluster.BlockStorage, AutoCloseable {
  /**
   * One block: in memory ({@code batches} non-null) or on disk ({@code file} non-null). An open block
   * ({@code sealed} false) is still being written by its task; {@code failure} is set when that task
   * failed or the block was dropped while open.
   */
  private static final class Block {
    final Schema schema;
    long rows;
    List<VectorSchemaRoot> batches;
    Path file;
    boolean sealed = true;
    RuntimeException failure;

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
  @Override
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
    replace(key, new Block(schema, rows, owned));
    spillOverBudget();
  }

  private void replace(String key, Block b) {
    Block old = blocks.remove(key);
    blocks.put(key, b);
    if (old != null) {
      release(old, "replaced");
    }
    notifyAll();
  }

  /** Starts the open block {@code key} (replacing any block of that name); readers may open it at once. */
  @Override
  public synchronized void create(String key, Schema schema) {
    checkOpen();
    Block b = new Block(schema, 0, new ArrayList<>());
    b.sealed = false;
    replace(key, b);
  }

  /** Adds a batch to the open block {@code key}, taking ownership of it (also when this throws). */
  @Override
  public synchronized void append(String key, VectorSchemaRoot batch) {
    Block b = blocks.get(key);
    try {
      if (b == null || b.sealed || b.failure != null || b.batches == null) {
        throw new IllegalStateException("block '" + key + "' is not open for writing");
      }
      if (batch.getRowCount() == 0) {
        batch.close(); // spill files skip empty batches too: readers count the same batches either way
        return;
      }
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
    int rows = batch.getRowCount();
    VectorSchemaRoot owned;
    try {
      owned = own(batch, b.schema);
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
    b.batches.add(owned);
    b.rows += rows;
    notifyAll();
  }

  /** Ends the open block {@code key}: its readers reach the end of the stream. */
  @Override
  public synchronized void seal(String key) {
    Block b = blocks.get(key);
    if (b == null || b.failure != null) {
      throw new IllegalStateException("block '" + key + "' is not open for writing");
    }
    b.sealed = true;
    notifyAll();
    spillOverBudget();
  }

  /** Marks the open block {@code key} failed: its readers (now and later) throw {@code cause}. */
  @Override
  public synchronized void fail(String key, RuntimeException cause) {
    Block b = blocks.get(key);
    if (b != null && !b.sealed) {
      b.failure = cause;
      if (b.batches != null) {
        b.batches.forEach(VectorSchemaRoot::close);
        b.batches = null;
      }
      notifyAll();
    }
  }

  /**
   * Streams block {@code key} as caller-owned batches allocated in (or transferred to) {@code allocator}.
   * The stream of a sealed block stays valid if the block is dropped or spilled meanwhile; an open block
   * is read as it grows (see the class comment).
   */
  @Override
  public synchronized BatchStream open(String key, BufferAllocator allocator) {
    return open(key, allocator, () -> false);
  }

  /**
   * As {@link #open(String, BufferAllocator)}; while waiting for an open block to grow, {@code stop} is
   * polled: when it turns true the reader throws "Query cancelled." (a cancelled consumer task stops
   * waiting for its producer).
   */
  @Override
  public synchronized BatchStream open(String key, BufferAllocator allocator, BooleanSupplier stop) {
    Block b = block(key);
    if (!b.sealed || b.failure != null) {
      return new TailReader(key, b, allocator, stop);
    }
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

  @Override
  public synchronized boolean contains(String key) {
    return blocks.containsKey(key);
  }

  public synchronized Schema schema(String key) {
    return block(key).schema;
  }

  public synchronized long rows(String key) {
    return block(key).rows;
  }

  /** Whether block {@code key} is sealed (complete); false while its task still writes it. */
  public synchronized boolean isSealed(String key) {
    return block(key).sealed;
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
  @Override
  public synchronized void drop(String key) {
    Block b = blocks.remove(key);
    if (b != null) {
      release(b, "dropped");
    }
  }

  /** Drops every block whose key starts with {@code keyPrefix} (e.g. all of one query's blocks). */
  @Override
  public synchronized void dropPrefix(String keyPrefix) {
    Iterator<Map.Entry<String, Block>> it = blocks.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Block> e = it.next();
      if (e.getKey().startsWith(keyPrefix)) {
        it.remove();
        release(e.getValue(), "dropped");
      }
    }
    notifyAll();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    blocks.values().forEach(b -> release(b, "closed"));
    blocks.clear();
    notifyAll();
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
      if (b.file == null && b.sealed && b.batches != null) {
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

  /** Frees a block taken out of the store; readers still waiting on it (open) fail. */
  private static void release(Block b, String why) {
    if (!b.sealed && b.failure == null) {
      b.failure = new QuiverException("The block was " + why + " while its task was still writing it.");
    }
    if (b.batches != null) {
      b.batches.forEach(VectorSchemaRoot::close);
      b.batches = null;
    }
    SpillFiles.delete(b.file);
    b.file = null;
  }

  /**
   * Reads a block that is open as it grows: each {@link #next} slices the next appended batch, waits (in
   * short slices, polling {@code stop}) while the block has no more yet, ends when it is sealed and
   * throws when it failed or was dropped. If the sealed block spills meanwhile it continues from the
   * spill file after the batches already read.
   */
  private final class TailReader implements BatchStream {
    private final String key;
    private final Block block;
    private final BufferAllocator allocator;
    private final BooleanSupplier stop;
    private int index;
    private BatchStream spilled;
    private boolean closed;

    TailReader(String key, Block block, BufferAllocator allocator, BooleanSupplier stop) {
      this.key = key;
      this.block = block;
      this.allocator = allocator;
      this.stop = stop;
    }

    @Override
    public Schema schema() {
      return block.schema;
    }

    @Override
    public VectorSchemaRoot next() {
      if (spilled != null) {
        return spilled.next();
      }
      synchronized (BlockStore.this) {
        Block b = block;
        while (true) {
          checkReadable(b);
          if (b.batches != null && index < b.batches.size()) {
            VectorSchemaRoot batch = b.batches.get(index++);
            return Batches.slice(batch, 0, batch.getRowCount(), allocator);
          }
          if (b.batches == null && b.file != null) {
            spilled = new SpillReader(b.file, b.schema, allocator);
            for (int i = 0; i < index; i++) {
              spilled.next().close();
            }
            return spilled.next();
          }
          if (b.batches == null) {
            throw new QuiverException("Block '" + key + "' was dropped while being read.");
          }
          if (b.sealed) {
            return null;
          }
          pause();
        }
      }
    }

    private void checkReadable(Block b) {
      if (closed) {
        throw new QuiverException("Reading block '" + key + "' was stopped.");
      }
      if (b.failure != null) {
        throw readError(key, b.failure);
      }
    }

    private void pause() {
      if (stop.getAsBoolean()) {
        throw new QuiverException("Query cancelled.");
      }
      try {
        BlockStore.this.wait(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException("Query interrupted while waiting for block '" + key + "'.", e);
      }
    }

    @Override
    public void close() {
      synchronized (BlockStore.this) {
        closed = true;
        BlockStore.this.notifyAll();
      }
      if (spilled != null) {
        spilled.close();
      }
    }
  }

  /** What a reader of a failed block throws: the writer's error, a lost worker staying a lost worker. */
  private static RuntimeException readError(String key, RuntimeException cause) {
    if (cause instanceof io.quiver.executor.cluster.WorkerLostException w) {
      return new io.quiver.executor.cluster.WorkerLostException(w.workerId(), cause);
    }
    if (cause instanceof QuiverException) {
      return new QuiverException(cause.getMessage(), cause);
    }
    return new QuiverException("The task writing block '" + key + "' failed: " + cause, cause);
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
