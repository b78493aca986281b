package io.quiver.executor.source;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a table function reads. Creating a source and asking its {@link #schema()} may look at metadata
 * (a Parquet footer, one image header) but never reads data; {@link #splits} lists the units of work
 * (files, row groups, ranges) and {@link #open} reads one of them lazily.
 */
public interface TableSource {
  /** The full schema, before projection. */
  Schema schema();

  /** The units of work for this scan, in their natural (or shuffled, if asked) order. */
  List<SourceSplit> splits(ScanSpec spec, ExecContext ctx);

  /** Reads one split; batches have the projected schema ({@link ScanSpec#projectedSchema}). */
  BatchStream open(SourceSplit split, ScanSpec spec, ExecContext ctx);
}
