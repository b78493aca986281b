package io.quiver.executor.sink;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One output file being written in one format. Batches go in with {@link #write}; {@link #finish}
 * writes the file's tail (a Parquet footer) and closes the staged stream. The file stays invisible until
 * the COPY commits it; one sink is used by one thread.
 */
interface FileSink {
  /** Appends every row of {@code batch} (which the caller still owns). */
  void write(VectorSchemaRoot batch) throws IOException;

  /** About how many bytes the file holds so far, including buffered, not yet flushed data. */
  long bytes();

  /** Rows written so far. */
  long rows();

  /** Completes the file and closes its stream; nothing may be written after. */
  void finish() throws IOException;

  /** Releases what the sink holds after a failure, without completing the file. */
  void release();
}
