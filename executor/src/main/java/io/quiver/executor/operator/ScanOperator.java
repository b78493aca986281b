package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.runtime.BatchOrigin;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.TableSource;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the given splits of a source one after another. Splits are listed lazily on the first
 * {@link #next()} when none are given, so building a plan touches no data. Stops once
 * {@code spec.limit()} rows were produced.
 */
public final class ScanOperator implements BatchStream {
  private final TableSource source;
  private final ScanSpec spec;
  private final ExecContext ctx;
  private final Schema schema;
  private List<SourceSplit> splits;
  private Iterator<SourceSplit> remaining;
  private BatchStream current;
  private SourceSplit currentSplit;
  private long produced;

  /** @param splits the splits to read, or null for all of the source's splits */
  public ScanOperator(TableSource source, ScanSpec spec, List<SourceSplit> splits, ExecContext ctx) {
    this.source = source;
    this.spec = spec;
    this.splits = splits;
    this.ctx = ctx;
    this.schema = spec.projectedSchema(source.schema());
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (remaining == null) {
      if (splits == null) {
        splits = source.splits(spec, ctx);
      }
      remaining = splits.iterator();
    }
    while (spec.limit() < 0 || produced < spec.limit()) {
      ctx.checkCancelled();
      if (current == null) {
        if (!remaining.hasNext()) {
          BatchOrigin.set(null);
          return null;
        }
        currentSplit = remaining.next();
        current = source.open(currentSplit, spec, ctx);
      }
      VectorSchemaRoot batch = current.next();
      if (batch != null) {
        produced += batch.getRowCount();
        BatchOrigin.set(currentSplit.description());
        return batch;
      }
      current.close();
      current = null;
    }
    BatchOrigin.set(null);
    return null;
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
