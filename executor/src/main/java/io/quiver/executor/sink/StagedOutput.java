package io.quiver.executor.sink;

import io.quiver.executor.BatchStream;
import io.quiver.executor.plan.CopyWriteNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A file a cluster task wrote and staged but did not commit: its path relative to the COPY target, its
 * rows and bytes, and the {@link io.quiver.executor.storage.StagedFile#handle()} to commit it by. Travels
 * from the worker to the coordinator as a row of {@link CopyWriteNode#SCHEMA}.
 */
public record StagedOutput(String path, long rows, long bytes, String handle) {
  /** The files as one batch of {@link CopyWriteNode#SCHEMA}, owned by the caller. */
  static VectorSchemaRoot toBatch(List<StagedOutput> files, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(CopyWriteNode.SCHEMA, allocator);
    try {
      root.allocateNew();
      VarCharVector path = (VarCharVector) root.getVector(0);
      BigIntVector rows = (BigIntVector) root.getVector(1);
      BigIntVector bytes = (BigIntVector) root.getVector(2);
      VarCharVector handle = (VarCharVector) root.getVector(3);
      for (int i = 0; i < files.size(); i++) {
        StagedOutput f = files.get(i);
        path.setSafe(i, f.path().getBytes(StandardCharsets.UTF_8));
        rows.setSafe(i, f.rows());
        bytes.setSafe(i, f.bytes());
        handle.setSafe(i, f.handle().getBytes(StandardCharsets.UTF_8));
      }
      root.setRowCount(files.size());
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** Every row of {@code rows} (batches of {@link CopyWriteNode#SCHEMA}), closing the batches. */
  public static List<StagedOutput> read(BatchStream rows) {
    List<StagedOutput> out = new ArrayList<>();
    VectorSchemaRoot b;
    while ((b = rows.next()) != null) {
      try (VectorSchemaRoot batch = b) {
        VarCharVector path = (VarCharVector) batch.getVector(0);
        BigIntVector count = (BigIntVector) batch.getVector(1);
        BigIntVector bytes = (BigIntVector) batch.getVector(2);
        VarCharVector handle = (VarCharVector) batch.getVector(3);
        for (int i = 0; i < batch.getRowCount(); i++) {
          out.add(new StagedOutput(new String(path.get(i), StandardCharsets.UTF_8), count.get(i), bytes.get(i),
              new String(handle.get(i), StandardCharsets.UTF_8)));
        }
      }
    }
    return out;
  }
}
