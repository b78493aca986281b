package io.quiver.executor.source;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.runtime.BlockStore;
import io.quiver.executor.runtime.TableStore.StoredTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A materialized table as a source: each stored batch (a block of the table store) is one split, read as
 * a zero-copy slice while in memory, or back from its spill file.
 */
public final class StoredTableSource implements TableSource {
  private final String name;
  private final StoredTable table;
  private final BlockStore blocks;

  /** One stored batch. */
  private record BatchSplit(String table, int ordinal) implements SourceSplit {
    @Override
    public String description() {
      return "table " + table + " block " + ordinal;
    }
  }

  public StoredTableSource(String name, StoredTable table, BlockStore blocks) {
    this.name = name;
    this.table = table;
    this.blocks = blocks;
  }

  @Override
  public Schema schema() {
    return table.schema();
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    List<SourceSplit> splits = new ArrayList<>();
    for (int i = 0; i < table.blocks().size(); i++) {
      splits.add(new BatchSplit(name, i));
    }
    return splits;
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    String key = table.blocks().get(((BatchSplit) split).ordinal());
    Schema out = spec.projectedSchema(table.schema());
    return new BatchStream() {
      private BatchStream block;

      @Override
      public Schema schema() {
        return out;
      }

      @Override
      public VectorSchemaRoot next() {
        if (block == null) {
          block = blocks.open(key, ctx.allocator());
        }
        VectorSchemaRoot stored = block.next();
        if (stored == null) {
          return null;
        }
        try (stored) {
          List<FieldVector> vectors = new ArrayList<>(spec.projection().length);
          for (int c : spec.projection()) {
            FieldVector v = stored.getVector(c);
            TransferPair tp = v.getTransferPair(ctx.allocator());
            tp.transfer();
            vectors.add((FieldVector) tp.getTo());
          }
          return new VectorSchemaRoot(out.getFields(), vectors, stored.getRowCount());
        }
      }

      @Override
      public void close() {
        if (block != null) {
          block.close();
        }
      }
    };
  }
}
