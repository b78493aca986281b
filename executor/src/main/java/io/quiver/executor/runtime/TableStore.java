package io.quiver.executor.runtime;

import io.quiver.executor.QuiverException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Materialized tables ({@code CREATE TABLE ... AS}): each stored batch is one block of a
 * {@link BlockStore} (key {@code table#ordinal}), so tables stay in memory up to the store's budget and
 * spill to disk beyond it, oldest blocks first. Readers open one block at a time (one scan split each).
 */
public final class TableStore implements AutoCloseable {
  /** One materialized table: its schema, the keys of its blocks in order, and its row count. */
  public record StoredTable(String name, Schema schema, List<String> blocks, long rowCount) {}

  private final BlockStore blocks;
  private final Map<String, StoredTable> tables = new ConcurrentHashMap<>();
  /** Distinguishes the blocks of a replaced table from those of its replacement. */
  private long generation;

  /** A store without a memory limit (tables never spill), as before spilling existed. */
  public TableStore(BufferAllocator parent) {
    this(parent, Long.MAX_VALUE, SpillFiles.defaultDir());
  }

  /** A store keeping at most {@code memoryBudget} bytes of tables in memory, spilling into {@code spillDir}. */
  public TableStore(BufferAllocator parent, long memoryBudget, Path spillDir) {
    this.blocks = new BlockStore(parent, memoryBudget, spillDir);
  }

  /** The allocator that stored batches should belong to (others are transferred in). */
  public BufferAllocator allocator() {
    return blocks.allocator();
  }

  /** The block store holding the tables' batches. */
  public BlockStore blocks() {
    return blocks;
  }

  /** Changes how much of the tables may stay in memory (spilling now if over it). */
  public void setMemoryBudget(long bytes) {
    blocks.setMemoryBudget(bytes);
  }

  /** Where table blocks spill from now on. */
  public void setSpillDir(Path dir) {
    blocks.setSpillDir(dir);
  }

  /** Stores (or replaces) a table; the store takes ownership of the batches. */
  public synchronized void put(String name, Schema schema, List<VectorSchemaRoot> batches) {
    String prefix = name + "#" + (generation++) + "#";
    List<String> keys = new ArrayList<>(batches.size());
    long rows = 0;
    try {
      for (int i = 0; i < batches.size(); i++) {
        VectorSchemaRoot b = batches.get(i);
        batches.set(i, null);
        rows += b.getRowCount();
        String key = prefix + i;
        blocks.put(key, schema, List.of(b));
        keys.add(key);
      }
    } catch (RuntimeException e) {
      batches.stream().filter(b -> b != null).forEach(VectorSchemaRoot::close);
      blocks.dropPrefix(prefix);
      throw e;
    }
    StoredTable old = tables.put(name, new StoredTable(name, schema, List.copyOf(keys), rows));
    if (old != null) {
      release(old);
    }
  }

  public StoredTable get(String name) {
    StoredTable t = tables.get(name);
    if (t == null) {
      throw new QuiverException("Table '" + name + "' does not exist.");
    }
    return t;
  }

  public boolean contains(String name) {
    return tables.containsKey(name);
  }

  public synchronized void drop(String name) {
    StoredTable t = tables.remove(name);
    if (t != null) {
      release(t);
    }
  }

  private void release(StoredTable t) {
    t.blocks().forEach(blocks::drop);
  }

  @Override
  public synchronized void close() {
    tables.clear();
    blocks.close();
  }
}
