package io.quiver.executor.sink;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.cluster.SplitShare;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.storage.Storage;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs a {@link CopyWriteNode} in a cluster task: on the first {@code next()} writes its whole input with
 * a {@link CopyWriter} (partition folders, rolling files, writer lanes, as an embedded COPY does) into
 * files staged for the coordinator, and returns them as one batch of {@link CopyWriteNode#SCHEMA}. File
 * names carry the task number and a fresh id per attempt ({@code part-<query>-t3-9f2c4a-00000.parquet}),
 * so attempts of a task never collide. A failure or cancel drops this attempt's staged files.
 */
public final class CopyWriteOperator implements BatchStream {
  private final BatchStream input;
  private final CopyWriteNode node;
  private final ExecContext ctx;
  private boolean done;

  public CopyWriteOperator(BatchStream input, CopyWriteNode node, ExecContext ctx) {
    this.input = input;
    this.node = node;
    this.ctx = ctx;
  }

  @Override
  public Schema schema() {
    return CopyWriteNode.SCHEMA;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done) {
      return null;
    }
    done = true;
    CopySpec spec = node.spec();
    Storage storage = Storage.of(spec.target(), ctx.settings());
    CopyWriter writer = CopyWriter.forTask(spec, input.schema(), storage, ctx, node.queryId(), writerId());
    List<StagedOutput> files = writer.stage(input);
    return StagedOutput.toBatch(files, ctx.allocator());
  }

  /** {@code t<task>-<6 hex digits>}: the task (when in a cluster task) and a fresh id for this attempt. */
  private String writerId() {
    SplitShare share = ctx.attachmentOrNull(SplitShare.class);
    return "t" + (share == null ? 0 : share.task()) + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  @Override
  public void close() {
    input.close();
  }
}
