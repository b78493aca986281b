package io.quiver.executor.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * A GetObject body that aborts the connection when closed before its end. The HTTP client would
 * otherwise drain the rest of the object to reuse the connection: reading an image header must not
 * download the whole file.
 */
final class S3ObjectStream extends FilterInputStream {
  private final ResponseInputStream<?> response;
  private boolean ended;

  S3ObjectStream(ResponseInputStream<?> response) {
    super(response);
    this.response = response;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    ended |= b < 0;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    ended |= n < 0;
    return n;
  }

  @Override
  public void close() throws IOException {
    if (!ended) {
      response.abort();
    }
    super.close();
  }
}
