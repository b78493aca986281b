package io.quiver.executor.cluster.flight;

import io.quiver.executor.BatchStream;
import java.util.function.Function;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A block arriving over {@code DoGet}, as a {@link BatchStream} of batches the caller owns. When the
 * caller's allocator shares the Flight client's root allocator, buffers move without copying; otherwise
 * each batch is copied (Arrow cannot move buffers between roots).
 */
final class RemoteBlockStream implements BatchStream {
  private final FlightStream stream;
  private final BufferAllocator allocator;
  private final Function<FlightRuntimeException, RuntimeException> errors;
  private final Runnable onClose;

  RemoteBlockStream(FlightStream stream, BufferAllocator allocator,
      Function<FlightRuntimeException, RuntimeException> errors, Runnable onClose) {
    this.stream = stream;
    this.allocator = allocator;
    this.errors = errors;
    this.onClose = onClose;
  }

  @Override
  public Schema schema() {
    try {
      return stream.getSchema();
    } catch (FlightRuntimeException e) {
      throw errors.apply(e);
    }
  }

  @Override
  public VectorSchemaRoot next() {
    try {
      if (!stream.next()) {
        return null;
      }
    } catch (FlightRuntimeException e) {
      throw errors.apply(e);
    }
    VectorSchemaRoot src = stream.getRoot();
    VectorSchemaRoot out = VectorSchemaRoot.create(src.getSchema(), allocator);
    boolean sameRoot = src.getFieldVectors().isEmpty()
        || src.getVector(0).getAllocator().getRoot() == allocator.getRoot();
    int rows = src.getRowCount();
    for (int i = 0; i < src.getFieldVectors().size(); i++) {
      FieldVector from = src.getVector(i);
      FieldVector to = out.getVector(i);
      if (sameRoot) {
        TransferPair tp = from.makeTransferPair(to);
        tp.transfer();
      } else {
        to.setInitialCapacity(rows);
        to.allocateNew();
        for (int r = 0; r < rows; r++) {
          to.copyFromSafe(r, r, from);
        }
        to.setValueCount(rows);
      }
    }
    out.setRowCount(rows);
    return out;
  }

  /** Stops the transfer (the worker was marked lost); the next {@link #next()} fails. */
  void cancel() {
    stream.cancel("worker lost", null);
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (FlightRuntimeException e) {
      // The stream failed already; its error was reported by next().
    } catch (Exception e) {
      throw new IllegalStateException("could not close a block stream", e);
    } finally {
      onClose.run();
    }
  }
}
