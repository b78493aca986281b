package io.quiver.shell;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A Flight stream as a {@link BatchStream}: each batch's buffers move (no copy) into a new root the
 * caller owns, so the shell prints remote results exactly as it prints embedded ones.
 */
final class FlightBatchStream implements BatchStream {
  private final FlightStream stream;
  private final BufferAllocator allocator;

  FlightBatchStream(FlightStream stream, BufferAllocator allocator) {
    this.stream = stream;
    this.allocator = allocator;
  }

  @Override
  public Schema schema() {
    return stream.getSchema();
  }

  @Override
  public VectorSchemaRoot next() {
    try {
      if (!stream.next()) {
        return null;
      }
    } catch (FlightRuntimeException e) {
      throw RemoteSession.toUser(e);
    }
    VectorSchemaRoot src = stream.getRoot();
    VectorSchemaRoot out = VectorSchemaRoot.create(src.getSchema(), allocator);
    for (int i = 0; i < src.getFieldVectors().size(); i++) {
      TransferPair tp = src.getVector(i).makeTransferPair(out.getVector(i));
      tp.transfer();
    }
    out.setRowCount(src.getRowCount());
    return out;
  }

  /** Asks the server to stop the query (Ctrl-C). */
  void cancel() {
    stream.cancel("cancelled by the user", null);
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (Exception e) {
      throw new QuiverException("Could not close the result stream: " + e.getMessage(), e);
    }
  }
}
