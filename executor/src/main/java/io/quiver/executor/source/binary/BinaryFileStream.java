package io.quiver.executor.source.binary;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.ReadAhead;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one {@link FileGroupSplit} of {@code read_binary_files} into batches of at most
 * {@code ctx.batchSize()} rows and about {@link #BATCH_BYTES} bytes. A file is only read when the
 * {@code bytes} column is projected.
 */
final class BinaryFileStream implements BatchStream {
  /** A batch is cut once its content reaches this size, so big files do not make huge batches. */
  static final long BATCH_BYTES = 64L << 20;

  private final List<String> files;
  private final ReadAhead reads;
  private final Schema schema;
  private final ExecContext ctx;
  private int next;

  BinaryFileStream(List<String> files, Storage storage, Schema schema, ExecContext ctx) {
    this.files = files;
    this.reads = new ReadAhead(storage, files);
    this.schema = schema;
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (next >= files.size()) {
      return null;
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, ctx.allocator());
    try {
      VarBinaryVector bytes = (VarBinaryVector) root.getVector("bytes");
      VarCharVector paths = (VarCharVector) root.getVector("path");
      int rows = 0;
      long size = 0;
      int max = Math.max(1, ctx.batchSize());
      while (next < files.size() && rows < max && size < BATCH_BYTES) {
        String file = files.get(next++);
        if (bytes != null) {
          byte[] content = read(next - 1, file);
          bytes.setSafe(rows, content);
          size += content.length;
        }
        if (paths != null) {
          paths.setSafe(rows, file.getBytes(StandardCharsets.UTF_8));
        }
        rows++;
      }
      root.setRowCount(rows);
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private byte[] read(int index, String file) {
    try {
      return reads.read(index);
    } catch (IOException e) {
      throw new QuiverException(ReadBinaryFilesSource.NAME + ": cannot read file '" + file + "': " + e, e);
    }
  }

  @Override
  public void close() {
    next = files.size();
    reads.close();
  }
}
