package io.quiver.executor.storage;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A GetObject body read from start to end (CSV, JSON lines, image headers) that survives a dropped
 * connection: the SDK retries a request only until its response starts, so when reading the body fails,
 * this stream asks again for the rest (a ranged GetObject from where it stopped), up to
 * {@code s3_max_attempts} times in all. Closing it before the end aborts the connection, which the HTTP
 * client would otherwise drain to reuse (reading an image header must not download the whole file).
 */
final class S3ObjectStream extends InputStream {
  private final S3Client s3;
  private final S3Location location;
  private final S3Config config;
  private ResponseInputStream<?> body;
  /** The object's length, or -1 if the response did not say. */
  private final long length;
  private long position;
  private int failures;
  private boolean ended;

  S3ObjectStream(S3Client s3, S3Location location, S3Config config, ResponseInputStream<?> body) {
    this(s3, location, config, body, 0);
  }

  /** @param start the offset in the object at which {@code body} (a ranged GetObject to the end) begins */
  S3ObjectStream(S3Client s3, S3Location location, S3Config config, ResponseInputStream<?> body, long start) {
    this.s3 = s3;
    this.location = location;
    this.config = config;
    this.body = body;
    Long declared = body.response() instanceof GetObjectResponse r ? r.contentLength() : null;
    this.length = declared == null ? -1 : start + declared;
    this.position = start;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (ended) {
      return -1;
    }
    while (true) {
      try {
        int n = ended ? -1 : body.read(b, off, len);
        if (n < 0) {
          ended = true;
        } else {
          position += n;
        }
        return n;
      } catch (IOException | SdkException e) {
        if (++failures >= config.maxAttempts()) {
          throw e instanceof IOException io ? io : S3Errors.io(location, (SdkException) e, config);
        }
        resume();
      }
    }
  }

  /** Drops the broken body and asks for the rest of the object. */
  private void resume() throws IOException {
    body.abort();
    if (length >= 0 && position >= length) {
      body = null;
      ended = true; // the connection broke after the last byte
      return;
    }
    try {
      body = s3.getObject(r -> r.bucket(location.bucket()).key(location.key()).range("bytes=" + position + "-"));
    } catch (SdkException e) {
      throw S3Errors.io(location, e, config);
    }
  }

  @Override
  public void close() throws IOException {
    if (body == null) {
      return;
    }
    if (!ended) {
      body.abort();
    }
    body.close();
  }
}
