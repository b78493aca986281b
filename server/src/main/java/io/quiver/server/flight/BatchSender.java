package io.quiver.server.flight;

import io.quiver.executor.BatchStream;
import io.quiver.executor.cluster.flight.FlightBackpressure;
import io.quiver.server.StatementResult;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Streams a statement's result to a Flight client batch by batch, as the engine produces them: each
 * batch's buffers are handed to the transport without copying, and the next batch is pulled only when
 * the client can take more (back-pressure), so the server holds a few batches, never the whole result.
 * A client that cancels (or whose deadline passes) stops the query on the engine.
 */
final class BatchSender {
  private BatchSender() {}

  static void send(StatementResult result, ServerStreamListener listener, BufferAllocator allocator) {
    // A client that cancels (or whose deadline passes) stops the query on the engine.
    listener.setOnCancelHandler(result::cancel);
    try (StatementResult r = result) {
      BatchStream stream = r.stream();
      try (VectorSchemaRoot out = VectorSchemaRoot.create(stream.schema(), allocator)) {
        VectorLoader loader = new VectorLoader(out);
        listener.start(out);
        VectorSchemaRoot b;
        while ((b = stream.next()) != null) {
          try (VectorSchemaRoot batch = b) {
            if (batch.getRowCount() == 0) {
              continue;
            }
            if (!FlightBackpressure.awaitReady(listener)) {
              r.cancel();
              return;
            }
            try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
              loader.load(rb);
            }
            listener.putNext();
          }
        }
        listener.completed();
      }
    } catch (RuntimeException e) {
      if (!listener.isCancelled()) {
        listener.error(FlightErrors.of(e));
      }
    }
  }
}
