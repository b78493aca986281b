package io.quiver.server.cluster;

import io.quiver.executor.cluster.BlockLocation;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A materialized table (CREATE TABLE AS) kept on the workers that made it: one block per task of the
 * query's last stage, in order, all under the id {@code id} (what {@code release(id)} drops).
 */
public record ClusterTable(String name, String id, Schema schema, List<BlockLocation> blocks, long rows) {
  public ClusterTable {
    blocks = List.copyOf(blocks);
  }
}
