package io.quiver.executor.operator;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.CompiledExpr;
import io.quiver.executor.expr.ExprCompiler;
import io.quiver.executor.operator.hash.HashPartitionSpill;
import io.quiver.executor.operator.join.GraceHashJoin;
import io.quiver.executor.operator.join.JoinTable;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.runtime.MemoryLimit;
import io.quiver.executor.runtime.QueryMemory;
import io.quiver.executor.runtime.QueryMemory.Reservation;
import io.quiver.executor.vector.BatchConcat;
import io.quiver.executor.vector.Batches;
import io.quiver.executor.vector.VectorGather;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Equi-join ({@link HashJoinNode}): reads the right side whole into a {@link JoinTable}, then streams the
 * left side through it. Each left batch yields its matching (left row, right row) pairs in chunks of at
 * most {@code ctx.batchSize()}, filtered by the residual condition if there is one; then, per kind, its
 * unmatched rows (LEFT, FULL: with NULLs on the right; ANTI) or matched rows (SEMI). After the left side,
 * RIGHT and FULL add the right rows that never matched, with NULLs on the left. NULL keys never match.
 *
 * <p>The build side is reserved from the query's memory budget ({@link QueryMemory}). When it outgrows
 * it, the join turns into a grace hash join ({@link GraceHashJoin}): both sides are partitioned by key
 * hash into spill files and joined partition by partition, each partition by a new join of this class
 * one level deeper, which spills again if its build side still does not fit. After
 * {@link HashPartitionSpill#MAX_LEVEL} levels (a key too frequent to split) the query fails with an
 * error naming {@code memory_limit} instead of running out of memory.
 */
public final class HashJoinOperator implements BatchStream {
  private static final int NOT_STARTED = -2;
  /** Java-heap bytes per build row besides its Arrow buffers: key table, row chains, loaded keys. */
  private static final long HEAP_BYTES_PER_BUILD_ROW = 48;

  private final BatchStream left;
  private final BatchStream right;
  private final HashJoinNode node;
  private final ExecContext ctx;
  private final Supplier<CompiledExpr> residualFactory;
  private final JoinKind kind;
  private final int leftWidth;
  private final boolean outputsRight;
  private final int level;
  private CompiledExpr residual;
  private Reservation memory;
  private GraceHashJoin grace;
  private JoinTable table;
  private boolean[] rightMatched;
  private boolean leftClosed;
  private boolean rightClosed;
  private boolean leftDone;
  private int unmatchedRightPosition;

  // The left batch being probed, and where its pair generation stands.
  private VectorSchemaRoot probe;
  private int[] probeIds = new int[0];
  private boolean[] probeMatched = new boolean[0];
  private int probeRow;
  private int chainRow;

  public HashJoinOperator(BatchStream left, BatchStream right, HashJoinNode node, ExecContext ctx) {
    this(left, right, node, ctx, node.residual() == null ? null : () -> ExprCompiler.compile(node.residual(), ctx, 0), 0);
  }

  /** With the residual condition already compiled (or null for none), e.g. by a caller that caches it. */
  public HashJoinOperator(BatchStream left, BatchStream right, HashJoinNode node, ExecContext ctx, CompiledExpr residual) {
    this(left, right, node, ctx, residual == null ? null : () -> residual, 0);
  }

  /** A join at recursion {@code level}: 0 for the query's inputs, n+1 for a partition of a level-n grace join. */
  private HashJoinOperator(BatchStream left, BatchStream right, HashJoinNode node, ExecContext ctx,
      Supplier<CompiledExpr> residualFactory, int level) {
    this.left = left;
    this.right = right;
    this.node = node;
    this.ctx = ctx;
    this.residualFactory = residualFactory;
    this.kind = node.kind();
    this.leftWidth = left.schema().getFields().size();
    this.outputsRight = kind != JoinKind.SEMI && kind != JoinKind.ANTI;
    this.level = level;
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public VectorSchemaRoot next() {
    if (table == null && grace == null) {
      build();
    }
    if (grace != null) {
      return grace.next();
    }
    while (true) {
      ctx.checkCancelled();
      if (probe == null) {
        if (leftDone) {
          return unmatchedRightRows();
        }
        VectorSchemaRoot batch = left.next();
        if (batch == null) {
          leftDone = true;
          closeLeft();
          continue;
        }
        startProbe(batch);
        if (residualFactory == null && !outputsRight) {
          VectorSchemaRoot out = semiOrAntiByKeyOnly();
          endProbe();
          if (out != null) {
            return out;
          }
          continue;
        }
      }
      VectorSchemaRoot pairs = nextPairs();
      if (pairs != null) {
        if (pairs.getRowCount() > 0) {
          return pairs;
        }
        pairs.close();
        continue;
      }
      VectorSchemaRoot tail = probeTail();
      endProbe();
      if (tail != null) {
        return tail;
      }
    }
  }

  private void build() {
    memory = QueryMemory.reservation(ctx, node);
    VectorSchemaRoot rows = Batches.empty(right.schema(), ctx.allocator());
    try {
      rows.allocateNew();
      VectorSchemaRoot batch;
      while ((batch = right.next()) != null) {
        try (VectorSchemaRoot b = batch) {
          ctx.checkCancelled();
          if (grace != null) {
            grace.addBuild(b);
            continue;
          }
          if (b.getRowCount() > 0) {
            BatchConcat.append(rows, b);
          }
        }
        if (grace == null && !memory.grow(buildBytes(rows))) {
          startGrace(rows);
          rows.close();
          rows = null;
          memory.resize(0);
        }
      }
    } catch (RuntimeException e) {
      if (rows != null) {
        rows.close();
      }
      throw e;
    }
    closeRight();
    if (grace != null) {
      partitionProbeSide();
      return;
    }
    table = new JoinTable(rows, node.rightKeys());
    rightMatched = new boolean[table.rowCount()];
    if (table.rowCount() == 0 && (kind == JoinKind.INNER || kind == JoinKind.RIGHT || kind == JoinKind.SEMI)) {
      leftDone = true; // nothing can match and no left row survives: skip reading the left side
      closeLeft();
    }
  }

  /**
   * Bytes the build side takes: the Arrow bytes its rows fill plus the key table and chains to come.
   * Filled bytes, not buffer capacities: appending doubles capacities, and the first batch's default
   * capacity alone would exceed a small budget and make every partition of a grace join spill again.
   */
  private static long buildBytes(VectorSchemaRoot rows) {
    return Batches.bufferBytes(rows) + HEAP_BYTES_PER_BUILD_ROW * rows.getRowCount();
  }

  /** The build side outgrew the budget: from now on both sides go to partitioned spill files. */
  private void startGrace(VectorSchemaRoot rowsSoFar) {
    if (level >= HashPartitionSpill.MAX_LEVEL) {
      throw new QuiverException("A hash join (" + kind + ") cannot fit its build side in memory_limit ("
          + MemoryLimit.format(memory.limit()) + "): after partitioning it " + level + " times by join key hash, one "
          + "partition still holds " + rowsSoFar.getRowCount() + "+ rows, probably of one very frequent key. "
          + "Raise the budget (SET memory_limit = '...') or filter that key out before the join.");
    }
    grace = new GraceHashJoin(node.schema(), left.schema(), node.leftKeys(), right.schema(), node.rightKeys(), kind,
        level, memory, ctx, (probe, build, lvl) -> new HashJoinOperator(probe, build, node, ctx,
            residualFactory == null ? null : this::residual, lvl));
    grace.addBuild(rowsSoFar);
  }

  /** Sends the whole probe side to the grace join's partitions. */
  private void partitionProbeSide() {
    grace.finishBuild();
    VectorSchemaRoot batch;
    while ((batch = left.next()) != null) {
      try (VectorSchemaRoot b = batch) {
        ctx.checkCancelled();
        grace.addProbe(b);
      }
    }
    closeLeft();
    grace.finishProbe();
  }

  /** The residual condition, compiled once and shared with the partition joins of a grace join. */
  private CompiledExpr residual() {
    if (residual == null) {
      residual = residualFactory.get();
    }
    return residual;
  }

  private void startProbe(VectorSchemaRoot batch) {
    probe = batch;
    int n = batch.getRowCount();
    if (probeIds.length < n) {
      probeIds = new int[n];
      probeMatched = new boolean[n];
    }
    Arrays.fill(probeMatched, 0, n, false);
    table.probe(batch, node.leftKeys(), probeIds);
    probeRow = 0;
    chainRow = NOT_STARTED;
  }

  private void endProbe() {
    probe.close();
    probe = null;
  }

  /** SEMI or ANTI without a residual: a row's fate depends only on whether its key is in the table. */
  private VectorSchemaRoot semiOrAntiByKeyOnly() {
    int n = probe.getRowCount();
    boolean semi = kind == JoinKind.SEMI;
    for (int i = 0; i < n; i++) {
      probeMatched[i] = probeIds[i] >= 0;
    }
    return selectProbeRows(semi);
  }

  /**
   * The next chunk of matching pairs of the current left batch (after the residual), possibly empty;
   * null once the batch has no more pairs. SEMI and ANTI only record matches here.
   */
  private VectorSchemaRoot nextPairs() {
    int n = probe.getRowCount();
    if (probeRow >= n) {
      return null;
    }
    int limit = Math.max(1, ctx.batchSize());
    int[] lp = new int[Math.min(limit, 1024)];
    int[] rp = new int[lp.length];
    int count = 0;
    while (probeRow < n && count < limit) {
      if (chainRow == NOT_STARTED) {
        int id = probeIds[probeRow];
        chainRow = id < 0 ? -1 : table.firstRow(id);
      }
      while (chainRow >= 0 && count < limit) {
        if (count == lp.length) {
          lp = Arrays.copyOf(lp, Math.min(limit, lp.length * 2));
          rp = Arrays.copyOf(rp, lp.length);
        }
        lp[count] = probeRow;
        rp[count++] = chainRow;
        chainRow = table.nextRow(chainRow);
      }
      if (chainRow < 0) {
        probeRow++;
        chainRow = NOT_STARTED;
      }
    }
    if (residualFactory != null) {
      count = applyResidual(lp, rp, count);
    }
    for (int i = 0; i < count; i++) {
      probeMatched[lp[i]] = true;
      rightMatched[rp[i]] = true;
    }
    if (!outputsRight) {
      return new VectorSchemaRoot(List.of(), List.of(), 0);
    }
    return assemble(probe, lp, rp, count, node.schema());
  }

  /** Keeps the pairs for which the residual is TRUE (not FALSE, not NULL), compacted in place; returns how many. */
  private int applyResidual(int[] lp, int[] rp, int count) {
    if (count == 0) {
      return 0;
    }
    try (VectorSchemaRoot candidates = assemble(probe, lp, rp, count, concatenatedSchema());
        FieldVector result = residual().evaluate(candidates)) {
      BitVector mask = (BitVector) result;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        if (!mask.isNull(i) && mask.get(i) != 0) {
          lp[kept] = lp[i];
          rp[kept++] = rp[i];
        }
      }
      return kept;
    }
  }

  /** What a left batch adds after its pairs: unmatched rows for LEFT/FULL/ANTI, matched rows for SEMI. */
  private VectorSchemaRoot probeTail() {
    switch (kind) {
      case LEFT:
      case FULL: {
        int n = probe.getRowCount();
        int[] lp = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
          if (!probeMatched[i]) {
            lp[count++] = i;
          }
        }
        if (count == 0) {
          return null;
        }
        int[] rp = new int[count];
        Arrays.fill(rp, -1);
        return assemble(probe, lp, rp, count, node.schema());
      }
      case SEMI:
        return selectProbeRows(true);
      case ANTI:
        return selectProbeRows(false);
      default:
        return null;
    }
  }

  /** The rows of the left batch whose match flag equals {@code matched}, left columns only; null if none. */
  private VectorSchemaRoot selectProbeRows(boolean matched) {
    int n = probe.getRowCount();
    int[] rows = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (probeMatched[i] == matched) {
        rows[count++] = i;
      }
    }
    if (count == 0) {
      return null;
    }
    return assemble(probe, rows, null, count, node.schema());
  }

  /** RIGHT and FULL: the next batch of right rows that matched nothing, with NULLs on the left. */
  private VectorSchemaRoot unmatchedRightRows() {
    if (kind != JoinKind.RIGHT && kind != JoinKind.FULL) {
      return null;
    }
    int n = table.rowCount();
    int limit = Math.max(1, ctx.batchSize());
    int[] rp = new int[Math.min(limit, Math.max(0, n - unmatchedRightPosition))];
    int count = 0;
    while (unmatchedRightPosition < n && count < rp.length) {
      int r = unmatchedRightPosition++;
      if (!rightMatched[r]) {
        rp[count++] = r;
      }
    }
    if (count == 0) {
      return null;
    }
    int[] lp = new int[count];
    Arrays.fill(lp, -1);
    return assemble(null, lp, rp, count, node.schema());
  }

  /**
   * A batch of {@code schema}: the left columns at rows {@code lp} of {@code leftBatch} (all NULL when it
   * is null), then, if {@code rp} is given, the right columns at rows {@code rp} of the build side; a
   * negative row gives NULLs.
   */
  private VectorSchemaRoot assemble(VectorSchemaRoot leftBatch, int[] lp, int[] rp, int count, Schema schema) {
    List<Field> fields = schema.getFields();
    List<FieldVector> vectors = new ArrayList<>(fields.size());
    try {
      for (int c = 0; c < leftWidth; c++) {
        String name = fields.get(c).getName();
        if (leftBatch == null) {
          Field f = left.schema().getFields().get(c);
          vectors.add(VectorGather.nulls(new Field(name, f.getFieldType(), f.getChildren()), count, ctx.allocator()));
        } else {
          vectors.add(VectorGather.take(leftBatch.getVector(c), name, lp, count, ctx.allocator()));
        }
      }
      if (rp != null) {
        VectorSchemaRoot build = table.rows();
        for (int c = 0; c < build.getFieldVectors().size(); c++) {
          String name = fields.get(leftWidth + c).getName();
          vectors.add(VectorGather.take(build.getVector(c), name, rp, count, ctx.allocator()));
        }
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, count);
  }

  /** Left columns then right columns, as the residual condition sees them. */
  private Schema concatenatedSchema() {
    List<Field> fields = new ArrayList<>(left.schema().getFields());
    fields.addAll(right.schema().getFields());
    return new Schema(fields);
  }

  private void closeLeft() {
    if (!leftClosed) {
      leftClosed = true;
      left.close();
    }
  }

  private void closeRight() {
    if (!rightClosed) {
      rightClosed = true;
      right.close();
    }
  }

  @Override
  public void close() {
    if (probe != null) {
      endProbe();
    }
    try {
      closeLeft();
      closeRight();
      if (grace != null) {
        grace.close();
      }
    } finally {
      if (table != null) {
        table.close();
      }
      if (memory != null) {
        memory.close();
      }
    }
  }
}
