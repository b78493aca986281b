package io.quiver.executor.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of the lines of a file that start in {@code [start, end)}: a line belongs to the range
 * holding its first byte. So a range other than the first skips the line already under way at
 * {@code start} (it belongs to the range before), and every range reads through the line that crosses
 * its {@code end}. Lines end at LF ({@code \n}; CRLF ends in one too, and a range boundary between the
 * CR and the LF is fine); a last line without one ends at the end of the file. Splitting a file into
 * ranges this way yields each line exactly once. Working on bytes is safe for UTF-8, where byte 0x0A
 * only ever is a line feed.
 *
 * <p>It knows nothing of quoting: a CSV field with a quoted line break that a boundary falls into
 * breaks the rows of two ranges, which is why CSV splits only files whose sample has no such field,
 * and why a range whose last record is still inside quotes at the end of this stream is an error.
 */
public final class LineRangeInputStream extends InputStream {
  private final InputStream in;
  private final long end;
  private final byte[] buf = new byte[64 * 1024];
  private int bufPos;
  private int bufLen;
  /** The file offset of {@code buf[bufPos]}. */
  private long pos;
  /** Whether the partial line before {@code start} was skipped (true from the start for range 0). */
  private boolean started;
  private boolean done;
  /** The last byte handed out. */
  private int last = -1;

  /**
   * @param in the file's bytes from {@code max(0, start - 1)} on (closed with this stream)
   * @param start the first byte of the range
   * @param end one past the range's last byte, or {@link FileRangeSplit#TO_END}
   */
  public LineRangeInputStream(InputStream in, long start, long end) {
    this.in = in;
    this.end = end;
    this.pos = Math.max(0, start - 1);
    this.started = start <= 0;
    this.done = start >= end; // an empty range holds no line
  }

  /** Opens the lines of {@code split} in {@code storage}. */
  public static InputStream open(io.quiver.executor.storage.Storage storage, FileRangeSplit split) throws IOException {
    if (split.isWholeFile()) {
      return storage.open(split.file());
    }
    return new LineRangeInputStream(storage.openAt(split.file(), Math.max(0, split.start() - 1)), split.start(),
        split.end());
  }

  private boolean fill() throws IOException {
    if (bufPos < bufLen) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    bufPos = 0;
    bufLen = Math.max(0, n);
    return n > 0;
  }

  /** Skips through the first line feed at or after {@code start - 1}; false if the file ends first. */
  private boolean skipPartialLine() throws IOException {
    while (fill()) {
      for (int i = bufPos; i < bufLen; i++) {
        if (buf[i] == '\n') {
          pos += i + 1 - bufPos;
          bufPos = i + 1;
          return true;
        }
      }
      pos += bufLen - bufPos;
      bufPos = bufLen;
    }
    return false;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done) {
      return -1;
    }
    if (!started) {
      started = true;
      if (!skipPartialLine() || pos >= end) {
        done = true; // no line starts in this range
        return -1;
      }
    }
    if (pos >= end && last == '\n') {
      done = true; // the line before ended exactly at the range's end
      return -1;
    }
    if (!fill()) {
      done = true;
      return -1;
    }
    int n = Math.min(len, bufLen - bufPos);
    if (pos < end) {
      n = (int) Math.min(n, end - pos);
    } else {
      // Past the end: only the rest of the line that crosses it, through its line feed.
      for (int i = 0; i < n; i++) {
        if (buf[bufPos + i] == '\n') {
          n = i + 1;
          break;
        }
      }
    }
    System.arraycopy(buf, bufPos, b, off, n);
    bufPos += n;
    pos += n;
    last = b[off + n - 1];
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
