package io.quiver.executor.source.range;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Produces one {@link RangeSource.RangeSplit} as batches of {@code ctx.batchSize()} rows. */
final class RangeStream implements BatchStream {
  private final RangeSource.RangeSplit split;
  private final Schema schema;
  private final ExecContext ctx;
  private long done;

  RangeStream(RangeSource.RangeSplit split, Schema schema, ExecContext ctx) {
    this.split = split;
    this.schema = schema;
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done >= split.rows()) {
      return null;
    }
    int rows = (int) Math.min(Math.max(1, ctx.batchSize()), split.rows() - done);
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, ctx.allocator());
    if (!schema.getFields().isEmpty()) {
      BigIntVector id = (BigIntVector) root.getVector(0);
      id.allocateNew(rows);
      id.getValidityBuffer().setOne(0L, (rows + 7) / 8);
      ArrowBuf data = id.getDataBuffer();
      // Modular long arithmetic is exact here: every produced value lies between start and stop.
      long value = split.start() + (split.first() + done) * split.step();
      long step = split.step();
      for (int i = 0; i < rows; i++, value += step) {
        data.setLong((long) i * Long.BYTES, value);
      }
    }
    root.setRowCount(rows);
    done += rows;
    return root;
  }

  @Override
  public void close() {
    done = split.rows();
  }
}
