package io.quiver.executor.operator.join;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.operator.hash.HashPartitionSpill;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The spilled form of a hash join whose build side outgrew its memory budget (a grace hash join): both
 * sides are partitioned by the hash of their join key into {@link HashPartitionSpill} files (build side
 * first, then probe side), and the output is the join of partition 0, then of partition 1, and so on.
 * Rows with equal keys always share a partition, so each partition's join (done by a fresh in-memory
 * join one level deeper, which may itself spill again with other hash bits) gives exactly that
 * partition's share of every join kind's output, unmatched rows of outer joins included.
 *
 * <p>Rows with a NULL key match nothing: they are dropped when their join kind never outputs an
 * unmatched row of their side, and otherwise spread over the partitions, where they come out as
 * unmatched. Probe rows of a partition without build rows are dropped at once unless unmatched probe
 * rows are output. Spill files are deleted as soon as a partition's join has opened them.
 */
public final class GraceHashJoin implements BatchStream {
  /** Joins one partition's probe and build rows (both streams taken over) at a recursion level. */
  @FunctionalInterface
  public interface PartitionJoin {
    BatchStream join(BatchStream probe, BatchStream build, int level);
  }

  private final Schema schema;
  private final Schema probeSchema;
  private final Schema buildSchema;
  private final int level;
  private final ExecContext ctx;
  private final PartitionJoin partitionJoin;
  private final boolean keepsUnmatchedProbe;
  private final boolean keepsUnmatchedBuild;
  private final JoinKeyHashes probeKeys;
  private final JoinKeyHashes buildKeys;
  private final HashPartitionSpill probeSpill;
  private final HashPartitionSpill buildSpill;
  private final boolean[] buildHasRows = new boolean[HashPartitionSpill.PARTITIONS];
  private int[] selected = new int[0];
  private int partition;
  private BatchStream current;

  /**
   * An empty grace join at recursion {@code level} (0 for a join of the query's inputs); the output
   * has {@code schema}, the sides {@code probeSchema} (keys {@code probeKeyColumns}) and
   * {@code buildSchema}. Spilled bytes are reported to {@code memory}.
   */
  public GraceHashJoin(Schema schema, Schema probeSchema, int[] probeKeyColumns, Schema buildSchema,
      int[] buildKeyColumns, JoinKind kind, int level, Reservation memory, ExecContext ctx, PartitionJoin partitionJoin) {
    this.schema = schema;
    this.probeSchema = probeSchema;
    this.buildSchema = buildSchema;
    this.level = level;
    this.ctx = ctx;
    this.partitionJoin = partitionJoin;
    this.keepsUnmatchedProbe = kind == JoinKind.LEFT || kind == JoinKind.FULL || kind == JoinKind.ANTI;
    this.keepsUnmatchedBuild = kind == JoinKind.RIGHT || kind == JoinKind.FULL;
    this.probeKeys = new JoinKeyHashes(probeKeyColumns);
    this.buildKeys = new JoinKeyHashes(buildKeyColumns);
    this.buildSpill = new HashPartitionSpill(buildSchema, "join", level, memory, ctx.allocator());
    this.probeSpill = new HashPartitionSpill(probeSchema, "join", level, memory, ctx.allocator());
  }

  /** Routes the rows of a build-side batch (not taken over) to their partitions. */
  public void addBuild(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    buildKeys.hash(batch);
    int count = 0;
    int[] rows = selection(n);
    for (int i = 0; i < n; i++) {
      if (keepsUnmatchedBuild || !buildKeys.nullKey(i)) {
        rows[count++] = i;
      }
    }
    if (count > 0) {
      buildSpill.write(batch, rows, count, buildKeys.hashes());
    }
  }

  /** Ends the build side; call before {@link #addProbe}. */
  public void finishBuild() {
    buildSpill.finish();
    for (int p = 0; p < buildHasRows.length; p++) {
      buildHasRows[p] = buildSpill.hasRows(p);
    }
  }

  /** Routes the rows of a probe-side batch (not taken over) to their partitions. */
  public void addProbe(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    probeKeys.hash(batch);
    long[] hashes = probeKeys.hashes();
    int count = 0;
    int[] rows = selection(n);
    for (int i = 0; i < n; i++) {
      // a row that can match nothing only matters if unmatched probe rows are output
      boolean canMatch = !probeKeys.nullKey(i) && buildHasRows[probeSpill.partitionOf(hashes[i])];
      if (canMatch || keepsUnmatchedProbe) {
        rows[count++] = i;
      }
    }
    if (count > 0) {
      probeSpill.write(batch, rows, count, hashes);
    }
  }

  /** Ends the probe side; the joined rows can then be read. */
  public void finishProbe() {
    probeSpill.finish();
  }

  private int[] selection(int n) {
    if (selected.length < n) {
      selected = new int[n];
    }
    return selected;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    while (true) {
      ctx.checkCancelled();
      if (current != null) {
        VectorSchemaRoot b = current.next();
        if (b != null) {
          return b;
        }
        current.close();
        current = null;
      }
      if (partition >= HashPartitionSpill.PARTITIONS) {
        return null;
      }
      current = openPartition(partition++);
    }
  }

  /** The join of partition {@code p}, or null when it can output nothing; its files are deleted. */
  private BatchStream openPartition(int p) {
    boolean hasProbe = probeSpill.hasRows(p);
    boolean hasBuild = buildSpill.hasRows(p);
    boolean outputs = hasProbe && hasBuild || hasProbe && keepsUnmatchedProbe || hasBuild && keepsUnmatchedBuild;
    BatchStream join = null;
    if (outputs) {
      BatchStream probe = hasProbe ? probeSpill.open(p, ctx.allocator()) : new EmptyStream(probeSchema);
      BatchStream build;
      try {
        build = hasBuild ? buildSpill.open(p, ctx.allocator()) : new EmptyStream(buildSchema);
      } catch (RuntimeException e) {
        probe.close();
        throw e;
      }
      join = partitionJoin.join(probe, build, level + 1);
    }
    // the readers hold the files open, so they can go now and free their disk space when read
    probeSpill.delete(p);
    buildSpill.delete(p);
    return join;
  }

  @Override
  public void close() {
    try {
      if (current != null) {
        current.close();
        current = null;
      }
    } finally {
      probeSpill.close();
      buildSpill.close();
    }
  }

  /** No rows: the side of a partition that received none. */
  private record EmptyStream(Schema schema) implements BatchStream {
    @Override
    public VectorSchemaRoot next() {
      return null;
    }

    @Override
    public void close() {}
  }
}
