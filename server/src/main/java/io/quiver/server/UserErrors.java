package io.quiver.server;

import io.quiver.executor.BatchStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A result stream whose failures reach the caller as one-paragraph {@link io.quiver.executor.QuiverException}s. */
final class UserErrors implements BatchStream {
  private final BatchStream delegate;
  private final Schema schema;

  UserErrors(BatchStream delegate, Schema schema) {
    this.delegate = delegate;
    this.schema = schema;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    try {
      return delegate.next();
    } catch (RuntimeException | Error e) {
      throw Errors.toUser(e);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
