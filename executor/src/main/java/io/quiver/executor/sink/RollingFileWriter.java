package io.quiver.executor.sink;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.StagedFile;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The files of one partition folder written by one lane: opens a staged file on the first batch and
 * starts the next file once the current one has grown past the target file size (at batch boundaries,
 * as DuckDB's FILE_SIZE_BYTES does). A single-file target never rolls over.
 */
final class RollingFileWriter {
  private final CopyTransaction tx;
  private final CopySpec spec;
  private final String folder;
  private final Schema schema;
  private StagedFile staged;
  private FileSink sink;

  RollingFileWriter(CopyTransaction tx, CopySpec spec, String folder, Schema schema) {
    this.tx = tx;
    this.spec = spec;
    this.folder = folder;
    this.schema = schema;
  }

  void write(VectorSchemaRoot batch) {
    try {
      if (sink == null) {
        open();
      }
      sink.write(batch);
      if (!spec.singleFile() && sink.bytes() >= spec.fileSizeBytes()) {
        finishFile();
      }
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Completes the current file, if any; {@code evenEmpty} opens (and completes) one when none is open. */
  void finish(boolean evenEmpty) {
    try {
      if (sink == null && evenEmpty) {
        open();
      }
      finishFile();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Releases the open file's buffers after a failure (the transaction drops the staged bytes). */
  void release() {
    if (sink != null) {
      sink.release();
      sink = null;
    }
  }

  private void open() throws IOException {
    String relative = spec.singleFile() ? "" : tx.newFileName(folder);
    staged = tx.create(relative);
    switch (spec.format()) {
      case PARQUET:
        sink = new ParquetFileSink(staged, schema, spec.compression(), spec.rowGroupRows());
        break;
      case CSV:
        sink = new CsvFileSink(staged, schema, spec.compression(), spec.csvHeader(), spec.csvDelimiter());
        break;
      default:
        sink = new JsonFileSink(staged, schema, spec.compression());
    }
  }

  private void finishFile() throws IOException {
    if (sink == null) {
      return;
    }
    FileSink done = sink;
    sink = null;
    done.finish();
    tx.finished(staged, done.rows(), done.bytes());
  }

  private QuiverException failure(IOException e) {
    String where = staged == null ? spec.target() : staged.location();
    return new QuiverException("COPY: cannot write '" + where + "': " + e.getMessage(), e);
  }
}
