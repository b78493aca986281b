package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One block read over several concurrent {@code DoGet} streams, one per stripe ({@link StripedTicket}):
 * batch {@code i} of the block comes from stripe {@code i % n}, so taking one batch from each stripe in
 * turn gives the block's batches in order, each once. Each stripe's transport buffers a few batches
 * ahead on its own (Flight requests more as the reader takes them), so the stripes transfer in parallel
 * while this reads them on one thread, and memory stays bounded by the stripes' read-ahead.
 *
 * <p>The block ends where a stripe ends; the other stripes must then end too (checked: a stripe with a
 * batch left means the stripes disagree about the block, an error). An error on any stripe fails the
 * read, and {@link #close()} closes every stripe.
 */
final class StripedBlockStream implements BatchStream {
  private final List<? extends BatchStream> stripes;
  private long index;
  private boolean done;

  /** @param stripes stripe {@code k} of {@code stripes.size()} at position k; this stream owns them */
  StripedBlockStream(List<? extends BatchStream> stripes) {
    if (stripes.isEmpty()) {
      throw new IllegalArgumentException("a striped block needs at least one stripe");
    }
    this.stripes = List.copyOf(stripes);
  }

  @Override
  public Schema schema() {
    Schema first = stripes.get(0).schema();
    for (int k = 1; k < stripes.size(); k++) {
      Schema s = stripes.get(k).schema(); // also surfaces a stripe that failed to open
      if (!s.equals(first)) {
        throw new IllegalStateException("stripe " + k + " of a block has schema " + s + ", stripe 0 " + first);
      }
    }
    return first;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done) {
      return null;
    }
    int n = stripes.size();
    int k = (int) (index % n);
    VectorSchemaRoot b = stripes.get(k).next();
    if (b != null) {
      index++;
      return b;
    }
    done = true;
    for (int j = 1; j < n; j++) {
      VectorSchemaRoot extra = stripes.get((k + j) % n).next();
      if (extra != null) {
        extra.close();
        throw new IllegalStateException("stripe " + k + " of " + n + " ended at batch " + index + " but stripe "
            + (k + j) % n + " has more batches");
      }
    }
    return null;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (BatchStream s : stripes) {
      try {
        s.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
