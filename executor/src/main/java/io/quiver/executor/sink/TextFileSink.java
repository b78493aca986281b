package io.quiver.executor.sink;

import io.quiver.executor.storage.StagedFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The shared part of the line-oriented formats (CSV, JSON lines): each batch is formatted into one
 * string, encoded as UTF-8 and written to the staged file, gzip-compressed when asked.
 */
abstract class TextFileSink implements FileSink {
  private final OutputStream out;
  private final StringBuilder text = new StringBuilder(1 << 16);
  private long bytes;
  private long rows;

  TextFileSink(StagedFile staged, CopySpec.Compression compression) throws IOException {
    OutputStream buffered = new BufferedOutputStream(staged.out(), 1 << 16);
    this.out = compression == CopySpec.Compression.GZIP ? new GZIPOutputStream(buffered, 1 << 16) : buffered;
  }

  /** Text written before the first row (a CSV header), or empty. */
  abstract void appendHeader(StringBuilder sb);

  /** Appends row {@code row} of {@code batch} with its line end. */
  abstract void appendRow(StringBuilder sb, VectorSchemaRoot batch, int row);

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    text.setLength(0);
    if (rows == 0 && bytes == 0) {
      appendHeader(text);
    }
    int n = batch.getRowCount();
    for (int r = 0; r < n; r++) {
      appendRow(text, batch, r);
    }
    byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
    out.write(encoded);
    bytes += encoded.length;
    rows += n;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    if (rows == 0 && bytes == 0) {
      text.setLength(0);
      appendHeader(text);
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    out.close();
  }

  @Override
  public void release() {
    // The staged stream is closed by the staged file's abort.
  }
}
