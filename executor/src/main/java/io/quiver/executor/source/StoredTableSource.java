package io.quiver.executor.source;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.runtime.TableStore.StoredTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/** A materialized table as a source: each stored batch is one split, read as a zero-copy slice. */
public final class StoredTableSource implements TableSource {
  private final String name;
  private final StoredTable table;

  /** One stored batch. */
  private record BatchSplit(String table, int ordinal) implements SourceSplit {
    @Override
    public String description() {
      return "table " + table + " block " + ordinal;
    }
  }

  public StoredTableSource(String name, StoredTable table) {
    this.name = name;
    this.table = table;
  }

  @Override
  public Schema schema() {
    return table.schema();
  }

  @Override
  public List<SourceSplit> splits(ScanSpec spec, ExecContext ctx) {
    List<SourceSplit> splits = new ArrayList<>();
    for (int i = 0; i < table.batches().size(); i++) {
      splits.add(new BatchSplit(name, i));
    }
    return splits;
  }

  @Override
  public BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx) {
    VectorSchemaRoot stored = table.batches().get(((BatchSplit) split).ordinal());
    Schema out = spec.projectedSchema(table.schema());
    return new BatchStream() {
      private boolean done;

      @Override
      public Schema schema() {
        return out;
      }

      @Override
      public VectorSchemaRoot next() {
        if (done) {
          return null;
        }
        done = true;
        List<FieldVector> vectors = new ArrayList<>(spec.projection().length);
        for (int c : spec.projection()) {
          FieldVector v = stored.getVector(c);
          TransferPair tp = v.getTransferPair(ctx.allocator());
          tp.splitAndTransfer(0, stored.getRowCount());
          vectors.add((FieldVector) tp.getTo());
        }
        return new VectorSchemaRoot(out.getFields(), vectors, stored.getRowCount());
      }

      @Override
      public void close() {}
    };
  }
}
