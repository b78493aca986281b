package io.quiver.executor.runtime;

import io.quiver.executor.QuiverException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Appends batches to a spill file in the Arrow IPC stream format. It writes the messages itself
 * (schema, record batches, end-of-stream) instead of going through an {@code ArrowStreamWriter} root,
 * so any batch of the schema can be written without copying it into a writer-owned root and extension
 * types (tensors) need no special vector construction. The caller keeps ownership of written batches.
 */
public final class SpillWriter implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final WriteChannel out;
  private long rows;
  private int batches;
  private boolean closed;

  public SpillWriter(Path file, Schema schema) {
    this.file = file;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      this.out = new WriteChannel(channel);
      MessageSerializer.serialize(out, schema);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Writes {@code batch} (not taken over). */
  public void write(VectorSchemaRoot batch) {
    if (batch.getRowCount() == 0) {
      return;
    }
    try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
      MessageSerializer.serialize(out, rb);
    } catch (IOException e) {
      throw failed(e);
    }
    rows += batch.getRowCount();
    batches++;
  }

  public long rows() {
    return rows;
  }

  public int batches() {
    return batches;
  }

  /** Bytes written so far. */
  public long bytes() {
    return out.getCurrentPosition();
  }

  public Path file() {
    return file;
  }

  /** Ends the stream and closes the file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      ArrowStreamWriter.writeEndOfStream(out, IpcOption.DEFAULT);
      SpillFiles.wrote(out.getCurrentPosition());
      channel.close();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private QuiverException failed(IOException e) {
    return new QuiverException("Cannot write spill file " + file + " (setting spill_dir; is the disk full?): "
        + e.getMessage(), e);
  }
}
