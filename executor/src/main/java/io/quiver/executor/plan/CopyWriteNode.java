package io.quiver.executor.plan;

import io.quiver.executor.sink.CopySpec;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A cluster task's part of a {@code COPY ... TO}: writes every row of {@code input} as files of
 * {@code spec}, staged but not committed, and outputs one row per staged file ({@link #SCHEMA}): its path
 * relative to the target, rows, bytes, and the handle the coordinator commits or aborts it with
 * ({@link io.quiver.executor.storage.StagedFile#handle()}). {@code queryId} is the COPY's id: files are
 * named {@code part-<queryId>-<writer>-<n>} and staged in its staging area, so the coordinator can drop
 * what any attempt left behind.
 */
public record CopyWriteNode(PhysicalNode input, CopySpec spec, String queryId) implements PhysicalNode {
  /** One row per staged file. */
  public static final Schema SCHEMA = new Schema(List.of(Field.nullable("path", ArrowType.Utf8.INSTANCE),
      Field.nullable("rows", new ArrowType.Int(64, true)), Field.nullable("bytes", new ArrowType.Int(64, true)),
      Field.nullable("handle", ArrowType.Utf8.INSTANCE)));

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of(input);
  }
}
