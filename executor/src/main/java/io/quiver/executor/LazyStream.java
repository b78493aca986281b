package io.quiver.executor;

import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A stream whose underlying stream is only created on the first {@link #next()}. */
final class LazyStream implements BatchStream {
  private final Schema schema;
  private final Supplier<BatchStream> factory;
  private BatchStream delegate;

  LazyStream(Schema schema, Supplier<BatchStream> factory) {
    this.schema = schema;
    this.factory = factory;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (delegate == null) {
      delegate = factory.get();
    }
    return delegate.next();
  }

  /** Unknown until the underlying stream exists (e.g. a gather's splits are listed on first use). */
  @Override
  public long batchesAhead() {
    return delegate == null ? -1 : delegate.batchesAhead();
  }

  @Override
  public void close() {
    if (delegate != null) {
      delegate.close();
    }
  }
}
