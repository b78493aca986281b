package io.quiver.executor.sink;

import io.quiver.executor.storage.StagedFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet-MR {@link OutputFile} over a {@link StagedFile}: Parquet writes into the staged bytes,
 * which appear at the target only when the COPY commits. Writes are buffered and counted, because
 * Parquet asks for the position after every page.
 */
final class StagedOutputFile implements OutputFile {
  private static final int BUFFER = 1 << 18;

  private final StagedFile file;

  StagedOutputFile(StagedFile file) {
    this.file = file;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new Counting(new BufferedOutputStream(file.out(), BUFFER));
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return file.location();
  }

  /** Counts the bytes written so far. */
  private static final class Counting extends PositionOutputStream {
    private final OutputStream out;
    private long position;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      position += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
