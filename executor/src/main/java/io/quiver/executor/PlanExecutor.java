package io.quiver.executor;

import io.quiver.executor.cluster.SplitShare;
import io.quiver.executor.cluster.StageInputs;
import io.quiver.executor.operator.FilterOperator;
import io.quiver.executor.operator.GatherOperator;
import io.quiver.executor.operator.HashAggregateOperator;
import io.quiver.executor.operator.HashJoinOperator;
import io.quiver.executor.operator.LimitOperator;
import io.quiver.executor.operator.ParallelPartialAggregation;
import io.quiver.executor.operator.ProjectOperator;
import io.quiver.executor.operator.ScanOperator;
import io.quiver.executor.operator.SortOperator;
import io.quiver.executor.operator.UdfOperator;
import io.quiver.executor.operator.UnionOperator;
import io.quiver.executor.operator.ValuesOperator;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.StageInputNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.UnionNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.executor.sink.CopyWriteOperator;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.PlannedSources;
import io.quiver.executor.source.StoredTableSource;
import io.quiver.executor.source.TableSource;
import io.quiver.executor.udf.QueryReservations;
import java.util.List;

/**
 * Turns a physical plan into a tree of operators. Nothing runs here: operators start work on their
 * first {@code next()}. Under a {@link GatherNode}, the pipeline is built once per split of the scan at
 * its bottom, each copy reading only its split.
 */
public final class PlanExecutor {
  private PlanExecutor() {}

  /** The operator tree for {@code plan}; the caller drains and closes it. */
  public static BatchStream execute(PhysicalNode plan, ExecContext ctx) {
    // Actor pools get their starting actors before anything runs, all at once (see QueryReservations).
    QueryReservations.reserve(plan, ctx);
    try {
      // A cluster task's copy of a fragment draws its own randomness (gathers number by split instead).
      SplitShare share = ctx.attachmentOrNull(SplitShare.class);
      return build(plan, ctx, null, share == null ? 0 : share.task());
    } catch (RuntimeException e) {
      QueryReservations.releaseUnused(ctx);
      throw e;
    }
  }

  /** One split of a gathered scan, and the source it belongs to (created once per gather). */
  private record BoundSplit(TableSource source, SourceSplit split) {}

  /**
   * @param split the split the bottom scan reads when building one copy of a gathered pipeline, else null
   * @param partition the split ordinal (0 outside a gather), seeds per-partition randomness
   */
  private static BatchStream build(PhysicalNode node, ExecContext ctx, BoundSplit split, long partition) {
    BatchStream op = operator(node, ctx, split, partition);
    ExecMetrics metrics = ctx.attachmentOrNull(ExecMetrics.class);
    return metrics == null ? op : metrics.measure(node, op);
  }

  private static BatchStream operator(PhysicalNode node, ExecContext ctx, BoundSplit split, long partition) {
    if (node instanceof ScanNode n) {
      return split != null ? new ScanOperator(split.source(), scanSpec(n), List.of(split.split()), ctx)
          : new LazyStream(n.schema(), () -> sharedScan(n, ctx));
    } else if (node instanceof TableScanNode n) {
      return split != null ? new ScanOperator(split.source(), scanSpec(n), List.of(split.split()), ctx)
          : new ScanOperator(source(n, ctx), scanSpec(n), null, ctx);
    } else if (node instanceof ValuesNode n) {
      return new ValuesOperator(n, ctx);
    } else if (node instanceof FilterNode n) {
      return new FilterOperator(build(n.input(), ctx, split, partition), n.condition(), ctx, partition);
    } else if (node instanceof ProjectNode n) {
      return new ProjectOperator(build(n.input(), ctx, split, partition), n.exprs(), n.schema(), ctx, partition);
    } else if (node instanceof AggregateNode n) {
      switch (n.phase()) {
        case FINAL:
          return twoPhaseAggregate(n, ctx);
        case PARTIAL:
          throw new IllegalStateException("a partial aggregate runs only under a gather under its final aggregate");
        default:
          return new HashAggregateOperator(build(n.input(), ctx, split, partition), n, ctx);
      }
    } else if (node instanceof SortNode n) {
      return new SortOperator(build(n.input(), ctx, split, partition), n, ctx);
    } else if (node instanceof LimitNode n) {
      return new LimitOperator(build(n.input(), ctx, split, partition), n.offset(), n.fetch());
    } else if (node instanceof HashJoinNode n) {
      // Only the probe (left) side belongs to a gathered pipeline; the build side is read whole.
      return new HashJoinOperator(build(n.left(), ctx, split, partition), build(n.right(), ctx, null, 0), n, ctx);
    } else if (node instanceof UnionNode n) {
      return new UnionOperator(n.inputs().stream().map(i -> build(i, ctx, split, partition)).toList(), n.schema());
    } else if (node instanceof GatherNode n) {
      return gather(n, ctx);
    } else if (node instanceof UdfNode n) {
      return new UdfOperator(build(n.input(), ctx, split, partition), n, ctx);
    } else if (node instanceof StageInputNode n) {
      return stageInput(n, ctx);
    } else if (node instanceof CopyWriteNode n) {
      return new CopyWriteOperator(build(n.input(), ctx, split, partition), n, ctx);
    }
    throw new IllegalArgumentException("unknown plan node " + node);
  }

  private static BatchStream gather(GatherNode node, ExecContext ctx) {
    // The source is created and its splits listed on first use, so building the plan stays free of I/O.
    return new LazyStream(node.schema(), () -> {
      GatheredSplits g = gatheredSplits(node.input(), ctx);
      return new GatherOperator(g.splits().size(), i -> build(node.input(), ctx, g.bound(i), g.first() + i),
          node.schema(), node.parallelism(), ctx);
    });
  }

  /**
   * A final aggregate over a gather over its partial aggregate: the gather's workers fill partial tables
   * from the pipeline below the partial aggregate, and the final operator merges them.
   */
  private static BatchStream twoPhaseAggregate(AggregateNode fin, ExecContext ctx) {
    if (!(fin.input() instanceof GatherNode gather) || !(gather.input() instanceof AggregateNode partial)
        || partial.phase() != AggregateNode.Phase.PARTIAL) {
      throw new IllegalStateException("a final aggregate must read a gather of a partial aggregate: " + fin);
    }
    PhysicalNode pipeline = partial.input();
    return new LazyStream(fin.schema(), () -> {
      GatheredSplits g = gatheredSplits(pipeline, ctx);
      return new HashAggregateOperator(fin, ctx, new ParallelPartialAggregation(g.splits().size(),
          i -> build(pipeline, ctx, g.bound(i), g.first() + i), partial, gather.parallelism(), ctx));
    });
  }

  /**
   * The source at the bottom of a gathered pipeline and the splits to read: all of them, or a cluster
   * task's share (cut by size, see {@link SplitShare}), which starts at split ordinal {@code first} (the
   * ordinal seeds per-split randomness, so a task computes what the same splits compute embedded).
   */
  private record GatheredSplits(TableSource source, List<SourceSplit> splits, int first) {
    BoundSplit bound(int i) {
      return new BoundSplit(source, splits.get(i));
    }
  }

  private static GatheredSplits gatheredSplits(PhysicalNode pipeline, ExecContext ctx) {
    PhysicalNode bottom = bottomScan(pipeline);
    TableSource source = bottom instanceof ScanNode s ? source(s, ctx) : source((TableScanNode) bottom, ctx);
    ScanSpec spec = bottom instanceof ScanNode s ? scanSpec(s) : scanSpec((TableScanNode) bottom);
    List<SourceSplit> all = source.splits(spec, ctx);
    SplitShare share = ctx.attachmentOrNull(SplitShare.class);
    if (share == null) {
      return new GatheredSplits(source, all, 0);
    }
    return new GatheredSplits(source, share.of(all), share.first(all));
  }

  /** A scan outside a gather: all splits, or a cluster task's share of them (cut by size). */
  private static BatchStream sharedScan(ScanNode n, ExecContext ctx) {
    TableSource source = source(n, ctx);
    SplitShare share = ctx.attachmentOrNull(SplitShare.class);
    if (share == null) {
      return new ScanOperator(source, scanSpec(n), null, ctx);
    }
    List<SourceSplit> all = source.splits(scanSpec(n), ctx);
    return new ScanOperator(source, scanSpec(n), share.of(all), ctx);
  }

  /** An earlier stage's blocks, as the cluster task's {@link StageInputs} lists them. */
  private static BatchStream stageInput(StageInputNode n, ExecContext ctx) {
    StageInputs inputs = ctx.attachmentOrNull(StageInputs.class);
    if (inputs == null) {
      throw new IllegalStateException("a stage input runs only in a cluster task: " + n);
    }
    return new LazyStream(n.schema(), () -> inputs.open(n.stage(), n.schema(), ctx));
  }

  /** The single scan at the bottom of a gathered pipeline (the planner only gathers linear chains). */
  private static PhysicalNode bottomScan(PhysicalNode node) {
    PhysicalNode n = node;
    while (!(n instanceof ScanNode) && !(n instanceof TableScanNode)) {
      if (n.inputs().size() != 1) {
        throw new IllegalStateException("a gathered pipeline must be a chain over one scan: " + node);
      }
      n = n.inputs().get(0);
    }
    return n;
  }

  /** The source planning created for this call (see {@link PlannedSources}), or a new one. */
  private static TableSource source(ScanNode n, ExecContext ctx) {
    return PlannedSources.source(ctx, n.function(), n.args());
  }

  private static TableSource source(TableScanNode n, ExecContext ctx) {
    return new StoredTableSource(n.table(), ctx.tables().get(n.table()), ctx.tables().blocks());
  }

  private static ScanSpec scanSpec(ScanNode n) {
    return new ScanSpec(n.projection(), n.filters(), n.limit(), n.dictionaryColumns());
  }

  private static ScanSpec scanSpec(TableScanNode n) {
    return new ScanSpec(n.projection(), List.of(), -1);
  }
}
