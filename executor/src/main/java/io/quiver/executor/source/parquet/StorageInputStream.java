package io.quiver.executor.source.parquet;

import io.quiver.executor.storage.Storage;
import io.quiver.executor.storage.StorageIO;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.io.ParquetFileRange;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A seekable stream over {@link Storage#readRange}, for object stores where every read is a request.
 *
 * <ul>
 *   <li>Small reads go through a {@value #BUFFER_SIZE}-byte buffer; a read near the end of the file
 *       fills the buffer with the file's tail, so the footer length, magic and (usually) the footer
 *       itself take one request.
 *   <li>Large reads go straight to one ranged request.
 *   <li>Column chunks: Parquet-MR's vectored reads ({@link #readVectored}, enabled in
 *       {@link ParquetFiles#readOptions()}) hand over every run of consecutive chunks a row group needs;
 *       each run is fetched in parallel, big runs cut into {@value #PIECE_SIZE}-byte pieces that are
 *       fetched in parallel too, on {@link StorageIO}'s pool.
 * </ul>
 */
final class StorageInputStream extends SeekableInputStream {
  static final int BUFFER_SIZE = 256 << 10;
  static final int PIECE_SIZE = 8 << 20;
  private final Storage storage;
  private final String location;
  private final long length;
  private long pos;
  private byte[] buffer = new byte[0];
  private long bufferStart;

  StorageInputStream(Storage storage, String location, long length) {
    this.storage = storage;
    this.location = location;
    this.length = length;
  }

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) throws IOException {
    if (newPos < 0 || newPos > length) {
      throw new EOFException(location + ": cannot seek to " + newPos + " in a " + length + "-byte file");
    }
    pos = newPos;
  }

  @Override
  public int read() throws IOException {
    if (pos >= length) {
      return -1;
    }
    if (!buffered(pos)) {
      fill(pos);
    }
    return buffer[(int) (pos++ - bufferStart)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - pos);
    if (buffered(pos)) {
      n = (int) Math.min(n, bufferStart + buffer.length - pos);
      System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
    } else if (n >= BUFFER_SIZE) {
      System.arraycopy(storage.readRange(location, pos, n), 0, b, off, n);
    } else {
      fill(pos);
      n = (int) Math.min(n, bufferStart + buffer.length - pos);
      System.arraycopy(buffer, (int) (pos - bufferStart), b, off, n);
    }
    pos += n;
    return n;
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(bytes, 0, bytes.length);
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(bytes, start + done, len - done);
      if (n < 0) {
        throw new EOFException(location + ": the file ends " + (len - done) + " bytes early");
      }
      done += n;
    }
  }

  @Override
  public int read(ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return 0;
    }
    int want = buf.remaining();
    byte[] tmp = new byte[want];
    int n = read(tmp, 0, want);
    if (n > 0) {
      buf.put(tmp, 0, n);
    }
    return n;
  }

  @Override
  public void readFully(ByteBuffer buf) throws IOException {
    byte[] tmp = new byte[buf.remaining()];
    readFully(tmp, 0, tmp.length);
    buf.put(tmp);
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, length - pos));
    pos += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return buffered(pos) ? (int) (bufferStart + buffer.length - pos) : 0;
  }

  @Override
  public boolean readVectoredAvailable(ByteBufferAllocator allocator) {
    return true;
  }

  @Override
  public void readVectored(List<ParquetFileRange> ranges, ByteBufferAllocator allocator) {
    for (ParquetFileRange range : ranges) {
      ByteBuffer target = allocator.allocate(range.getLength());
      List<CompletableFuture<Void>> pieces = new ArrayList<>();
      for (int off = 0; off < range.getLength(); off += PIECE_SIZE) {
        int at = off;
        int len = Math.min(PIECE_SIZE, range.getLength() - off);
        pieces.add(CompletableFuture.runAsync(() -> readInto(target, at, range.getOffset() + at, len),
            StorageIO.pool()));
      }
      range.setDataReadFuture(CompletableFuture.allOf(pieces.toArray(new CompletableFuture<?>[0]))
          .thenApply(done -> {
            target.position(0).limit(range.getLength());
            return target;
          }));
    }
  }

  /** Copies {@code len} bytes at {@code fileOffset} into {@code target} at {@code at} (absolute puts). */
  private void readInto(ByteBuffer target, int at, long fileOffset, int len) {
    byte[] bytes;
    try {
      bytes = storage.readRange(location, fileOffset, len);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(location + ": " + e.getMessage(), e);
    }
    target.duplicate().position(at).put(bytes);
  }

  private boolean buffered(long p) {
    return p >= bufferStart && p < bufferStart + buffer.length;
  }

  /** Loads the buffer around {@code p}: from {@code p} on, or the file's tail when {@code p} is near it. */
  private void fill(long p) throws IOException {
    long start = Math.max(0, Math.min(p, length - BUFFER_SIZE));
    buffer = storage.readRange(location, start, (int) Math.min(BUFFER_SIZE, length - start));
    bufferStart = start;
  }

  @Override
  public void close() {
    buffer = new byte[0];
  }
}
