package io.quiver.executor.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A file written to S3 that nobody sees before {@link #commit()}. Bytes are buffered into parts of
 * {@link #PART_SIZE}; the first full part starts a multipart upload to the final key and each full part
 * is uploaded as it fills (an unfinished multipart upload is invisible). Closing {@link #out()} uploads
 * the rest as the last part, so a finished file holds no memory while it waits for the commit (a COPY
 * may finish thousands of files before it commits); only a file of at most {@link #SMALL_FILE} bytes
 * stays buffered and is put in one request at commit. {@link #commit()} completes the upload; {@link
 * #abort()} aborts it. The buffer grows as bytes come, so an open file costs little until it is big.
 * Used by one writer thread.
 *
 * <p>Staged for handing over ({@link Storage#createForHandOver}), the upload starts at once and closing
 * always uploads the rest as a part, so the multipart upload holds every byte and {@link #handle()}
 * (bucket, key, upload id, parts' numbers and ETags) lets another process complete or abort it
 * ({@link #resumed}).
 */
final class S3StagedFile implements StagedFile {
  /** Part size: S3 needs at least 5 MB for every part but the last. */
  static final int PART_SIZE = 8 << 20;
  /** A file up to this size is kept in memory until commit and put in one request. */
  static final int SMALL_FILE = 256 << 10;
  private static final int FIRST_BUFFER = 64 << 10;
  private static final String HANDLE_KIND = "s3";

  private final S3Client s3;
  private final S3Config config;
  private final S3Location target;
  private final PartStream out;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private boolean done;
  /** Staged for handing over: every byte goes into the multipart upload (see the class comment). */
  private final boolean handOver;

  S3StagedFile(S3Client s3, S3Config config, S3Location target, int partSize) {
    this(s3, config, target, partSize, false);
  }

  S3StagedFile(S3Client s3, S3Config config, S3Location target, int partSize, boolean handOver) {
    this.s3 = s3;
    this.config = config;
    this.target = target;
    this.out = new PartStream(partSize);
    this.handOver = handOver;
  }

  /** The staged file a {@link #handle()} names: commit completes its upload, abort aborts it. */
  static S3StagedFile resumed(S3Client s3, S3Config config, String handle) {
    List<String> f = Handles.decode(handle, HANDLE_KIND, 4);
    S3StagedFile file = new S3StagedFile(s3, config, new S3Location(f.get(1), f.get(2)), 0, true);
    file.uploadId = f.get(3);
    for (String part : f.subList(4, f.size())) {
      int colon = part.indexOf(':');
      file.parts.add(CompletedPart.builder().partNumber(Integer.parseInt(part.substring(0, colon)))
          .eTag(part.substring(colon + 1)).build());
    }
    file.out.closed = true;
    return file;
  }

  @Override
  public String handle() {
    if (!handOver || !out.closed || uploadId == null) {
      throw new IllegalStateException("'" + target + "' has no handle: not staged for handing over, or not closed");
    }
    List<String> f = new ArrayList<>(List.of(HANDLE_KIND, target.bucket(), target.key(), uploadId));
    for (CompletedPart p : parts) {
      f.add(p.partNumber() + ":" + p.eTag());
    }
    return Handles.encode(f);
  }

  @Override
  public String location() {
    return target.toString();
  }

  @Override
  public OutputStream out() {
    return out;
  }

  @Override
  public void commit() throws IOException {
    if (done) {
      throw new IOException("'" + target + "' was already committed or aborted");
    }
    try {
      out.close();
      if (uploadId == null) {
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()), body(out.buffer, out.filled));
      } else {
        s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
            .multipartUpload(m -> m.parts(parts)));
      }
      done = true;
    } catch (SdkException e) {
      abort();
      throw S3Errors.io(target, e, config);
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    } finally {
      out.release();
    }
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    out.release();
    if (uploadId != null) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
      } catch (SdkException ignored) {
        // Best effort: an upload that was never completed is invisible; a bucket lifecycle rule reaps it.
      }
    }
  }

  /**
   * Starts the multipart upload now rather than at the first full part. A file staged for handing over
   * does so at once, so even a writer killed before its first part leaves an upload that the
   * coordinator's {@link Storage#dropStaging} finds and aborts, never an unknown one.
   */
  void startUpload() throws IOException {
    if (uploadId == null) {
      try {
        uploadId = s3.createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())).uploadId();
      } catch (SdkException e) {
        throw S3Errors.io(target, e, config);
      }
    }
  }

  private void uploadPart(byte[] bytes, int length) throws IOException {
    startUpload();
    int number = parts.size() + 1;
    try {
      String etag = s3.uploadPart(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
          .partNumber(number), body(bytes, length)).eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    } catch (SdkException e) {
      throw S3Errors.io(target, e, config);
    }
  }

  /** A body over {@code bytes[0, length)} that can be replayed on retries (no copy). */
  private static RequestBody body(byte[] bytes, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
        "application/octet-stream");
  }

  /** Fills one part buffer, uploading it whenever it is full. */
  private final class PartStream extends OutputStream {
    private byte[] buffer;
    private int filled;
    private boolean closed;

    private final int partSize;

    PartStream(int partSize) {
      this.partSize = partSize;
      this.buffer = new byte[Math.min(partSize, FIRST_BUFFER)];
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed || done) {
        throw new IOException("'" + target + "' is closed");
      }
      while (len > 0) {
        if (filled == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(partSize, 2L * buffer.length));
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == partSize) {
          uploadPart(buffer, filled);
          filled = 0;
        }
      }
    }

    /** Uploads what is left as the last part unless the file is small (then commit puts it whole). */
    @Override
    public void close() throws IOException {
      if (closed || done) {
        return;
      }
      closed = true;
      // Handed over or already uploading: the rest is the last part; else a small file waits for commit.
      boolean lastPart = handOver || uploadId != null ? filled > 0 || parts.isEmpty() : filled > SMALL_FILE;
      if (lastPart) {
        uploadPart(buffer, filled);
        filled = 0;
        buffer = new byte[0];
      }
    }

    void release() {
      buffer = new byte[0];
      filled = 0;
    }
  }
}
