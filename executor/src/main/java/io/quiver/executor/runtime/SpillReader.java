package io.quiver.executor.runtime;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.vector.VectorFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a file written by {@link SpillWriter} back as a stream of caller-owned batches of the schema
 * the caller gives (the one it was written with), allocated in the caller's allocator. The file is
 * opened at construction, so deleting it afterwards (a dropped block) does not disturb the reader.
 */
public final class SpillReader implements BatchStream {
  private final Path file;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final FileChannel channel;
  private final MessageChannelReader messages;
  private boolean headerRead;
  private boolean done;

  public SpillReader(Path file, Schema schema, BufferAllocator allocator) {
    this.file = file;
    this.schema = schema;
    this.allocator = allocator;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw failed(e);
    }
    this.messages = new MessageChannelReader(new ReadChannel(channel), allocator);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done) {
      return null;
    }
    try {
      if (!headerRead) {
        headerRead = true;
        MessageResult header = messages.readNext();
        if (header == null) {
          throw new IOException("empty file");
        }
      }
      MessageResult m = messages.readNext();
      if (m == null) {
        done = true;
        return null;
      }
      // deserializeRecordBatch takes over the body buffer (the batch holds slices of it)
      ArrowBuf body = m.getBodyBuffer() == null ? allocator.getEmpty() : m.getBodyBuffer();
      try (ArrowRecordBatch rb = MessageSerializer.deserializeRecordBatch(m.getMessage(), body)) {
        VectorSchemaRoot root = VectorFactory.root(schema, allocator);
        try {
          new VectorLoader(root).load(rb);
        } catch (RuntimeException e) {
          root.close();
          throw e;
        }
        return root;
      }
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void close() {
    done = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private QuiverException failed(IOException e) {
    return new QuiverException("Cannot read spill file " + file + ": " + e.getMessage(), e);
  }
}
