package io.quiver.executor.runtime;

import io.quiver.executor.QuiverException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Materialized tables ({@code CREATE TABLE ... AS}), held in memory as Arrow batches owned by the store's
 * allocator. Readers get zero-copy slices that share the buffers.
 */
public final class TableStore implements AutoCloseable {
  /** One materialized table: its schema and its batches. */
  public record StoredTable(Schema schema, List<VectorSchemaRoot> batches) {
    public long rowCount() {
      return batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
    }
  }

  private final BufferAllocator allocator;
  private final Map<String, StoredTable> tables = new ConcurrentHashMap<>();

  public TableStore(BufferAllocator parent) {
    this.allocator = parent.newChildAllocator("tables", 0, Long.MAX_VALUE);
  }

  /** The allocator that stored batches must belong to. */
  public BufferAllocator allocator() {
    return allocator;
  }

  /** Stores (or replaces) a table; the store takes ownership of the batches. */
  public void put(String name, Schema schema, List<VectorSchemaRoot> batches) {
    StoredTable old = tables.put(name, new StoredTable(schema, List.copyOf(batches)));
    if (old != null) {
      close(old);
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

  public void drop(String name) {
    StoredTable t = tables.remove(name);
    if (t != null) {
      close(t);
    }
  }

  private static void close(StoredTable t) {
    t.batches().forEach(VectorSchemaRoot::close);
  }

  @Override
  public void close() {
    new ArrayList<>(tables.keySet()).forEach(this::drop);
    allocator.close();
  }
}
