package io.quiver.planner.stages;

import io.quiver.executor.cluster.Partitioning;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.plan.AggCall;
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
import io.quiver.planner.physical.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Cuts a physical plan into {@link Stage}s at exchanges, for the cluster scheduler.
 *
 * <ul>
 *   <li>A scan with the filters, projections and UDFs above it (the embedded plan's gathered pipeline)
 *       becomes a leaf stage of {@code leafTasks} tasks, each reading its contiguous share of the splits.
 *   <li>GROUP BY: when every aggregate can merge its own results (count, sum, min, max, any_value, and
 *       avg as sum and count), each task aggregates its share, a HASH exchange on the group keys sends
 *       groups to {@code partitions} final tasks that merge them (count merges by sum). Otherwise
 *       (stddev, variance, user aggregates) the rows themselves are hash-partitioned and aggregated once. Without keys the
 *       exchange is a gather into one place.
 *   <li>Joins with equality keys hash both sides on the keys into {@code partitions} join tasks (correct
 *       for every join kind: equal keys meet, unmatched rows stay with their partition); joins without
 *       keys read both sides whole.
 *   <li>ORDER BY and LIMIT gather into one place; a top-N or LIMIT first cuts each task's output to
 *       offset+fetch rows. ORDER BY RANDOM() is a RANDOM exchange followed by a shuffle per task.
 *   <li>Whatever reads a single gathered input (final sort, union, small final aggregates) runs in the
 *       top fragment on the coordinator, unless it calls a UDF (those run on workers).
 * </ul>
 *
 * <p>Stage fragments never produce dictionary-encoded columns (scans feeding an exchange read strings
 * plain), since blocks travel between processes.
 */
public final class StagePlanner {
  private final int leafTasks;
  private final int partitions;
  private final int taskThreads;
  private final long seed;
  private final Function<String, Integer> tableBlocks;
  private final List<Stage> stages = new ArrayList<>();

  /**
   * @param leafTasks tasks per leaf stage (each reads a share of the scan's splits)
   * @param partitions tasks of hash-partitioned stages (GROUP BY, joins, ORDER BY RANDOM())
   * @param seed the seed of RANDOM exchanges (the session seed, or a fresh one per query)
   * @param tableBlocks for a table kept on the workers, its block count; null for other tables
   * @param taskThreads pipelines a task may run at once over its splits (its gathers' parallelism):
   *     1 when there is a task per CPU already
   */
  public StagePlanner(int leafTasks, int partitions, long seed, Function<String, Integer> tableBlocks,
      int taskThreads) {
    this.leafTasks = Math.max(1, leafTasks);
    this.partitions = Math.max(1, partitions);
    this.taskThreads = Math.max(1, taskThreads);
    this.seed = seed;
    this.tableBlocks = tableBlocks;
  }

  /** The stages of a query whose result the coordinator streams to the user. */
  public StagePlan plan(PhysicalNode plan) {
    Dist d = cut(plan);
    PhysicalNode top = d.partitions == 1 && !d.leaf && !callsUdf(d.fragment) ? d.fragment : exchange(d, Partitioning.single());
    return new StagePlan(stages, top);
  }

  /**
   * The stages of a COPY whose files the workers write: {@code writer} wraps the fragment of the last
   * worker stage (e.g. in a {@link io.quiver.executor.plan.CopyWriteNode}), whose tasks then write in
   * parallel, and the top fragment gathers what they return. Null when the query ends on the coordinator
   * in one copy anyway (a global ORDER BY, LIMIT or aggregate without keys, a VALUES list): that output
   * is best written from there, in its order.
   */
  public StagePlan planWrite(PhysicalNode plan, java.util.function.UnaryOperator<PhysicalNode> writer) {
    Dist d = cut(plan);
    if (d.single()) {
      return null;
    }
    PhysicalNode rows = d.fragment instanceof AggregateNode ? d.fragment : PlainScans.apply(d.fragment);
    PhysicalNode top = exchange(new Dist(writer.apply(rows), d.partitions, d.leaf), Partitioning.single());
    return new StagePlan(stages, top);
  }

  /**
   * The stages of CREATE TABLE AS: the last stage's blocks (one per task) become the table, so the top
   * fragment is always a read of the last stage.
   */
  public StagePlan planTable(PhysicalNode plan) {
    Dist d = cut(plan);
    return new StagePlan(stages, exchange(d, Partitioning.single()));
  }

  /**
   * A part of the plan as {@code partitions} copies of {@code fragment}; concatenated in order their
   * outputs are the part's rows. {@code leaf}: the copies are split shares of a scan in the fragment,
   * so it must run as a stage (never inline in a consumer).
   */
  private record Dist(PhysicalNode fragment, int partitions, boolean leaf) {
    boolean single() {
      return partitions == 1 && !leaf;
    }
  }

  private Dist cut(PhysicalNode n) {
    if (n instanceof ScanNode) {
      return new Dist(n, leafTasks, true);
    }
    if (n instanceof GatherNode g) {
      Dist in = cut(g.input());
      return in.leaf ? new Dist(new GatherNode(in.fragment, taskThreads), in.partitions, true) : in;
    }
    if (n instanceof ValuesNode) {
      return new Dist(n, 1, false);
    }
    if (n instanceof TableScanNode t) {
      return tableScan(t);
    }
    if (n instanceof FilterNode || n instanceof ProjectNode || n instanceof UdfNode) {
      Dist in = cut(n.inputs().get(0));
      return new Dist(Nodes.withInputs(n, List.of(in.fragment)), in.partitions, in.leaf);
    }
    if (n instanceof AggregateNode a) {
      return aggregate(a);
    }
    if (n instanceof SortNode s) {
      return sort(s);
    }
    if (n instanceof LimitNode l) {
      Dist in = cut(l.input());
      if (in.single()) {
        return new Dist(new LimitNode(in.fragment, l.offset(), l.fetch()), 1, false);
      }
      Dist pre = l.fetch() < 0 ? in : new Dist(new LimitNode(in.fragment, 0, l.offset() + l.fetch()), in.partitions, in.leaf);
      return new Dist(new LimitNode(exchange(pre, Partitioning.single()), l.offset(), l.fetch()), 1, false);
    }
    if (n instanceof HashJoinNode j) {
      return join(j);
    }
    if (n instanceof UnionNode u) {
      List<PhysicalNode> in = new ArrayList<>();
      for (PhysicalNode i : u.inputs()) {
        in.add(gathered(cut(i)));
      }
      return new Dist(new UnionNode(in, u.schema()), 1, false);
    }
    throw new IllegalArgumentException("cannot cut into stages: " + n);
  }

  private Dist tableScan(TableScanNode t) {
    Integer blocks = tableBlocks == null ? null : tableBlocks.apply(t.table());
    if (blocks == null) {
      return new Dist(t, 1, false); // a table of the coordinator's own store
    }
    int id = stages.size() + 1;
    stages.add(new Stage(id, null, Partitioning.single(), blocks, List.of(), t.table(), t.sourceSchema()));
    StageInputNode in = new StageInputNode(id, t.sourceSchema());
    List<Expr> refs = new ArrayList<>();
    boolean identity = t.projection().length == t.sourceSchema().getFields().size();
    for (int i = 0; i < t.projection().length; i++) {
      int c = t.projection()[i];
      identity &= c == i;
      refs.add(new ColumnRef(c, t.sourceSchema().getFields().get(c).getType()));
    }
    PhysicalNode f = identity ? in : new ProjectNode(in, refs, t.schema());
    return new Dist(f, Math.max(1, blocks), false);
  }

  private Dist aggregate(AggregateNode a) {
    AggregateNode single;
    PhysicalNode raw;
    if (a.phase() == AggregateNode.Phase.FINAL) {
      GatherNode g = (GatherNode) a.input();
      AggregateNode partial = (AggregateNode) g.input();
      raw = new GatherNode(partial.input(), taskThreads);
      single = new AggregateNode(raw, partial.groupKeys(), partial.aggregates(), a.schema());
    } else {
      raw = a.input();
      single = a;
    }
    Dist in = cut(raw);
    if (in.single()) {
      return new Dist(withInput(single, in.fragment), 1, false);
    }
    int k = single.groupKeys().length;
    if (mergeable(single.aggregates())) {
      return twoLevel(a, single, raw, in);
    }
    if (k == 0) {
      return new Dist(withInput(single, exchange(in, Partitioning.single())), 1, false);
    }
    return new Dist(withInput(single, exchange(in, Partitioning.hash(single.groupKeys(), partitions))), partitions, false);
  }

  /** Whether column {@code col} of {@code n} is a {@code random()} computed below (ORDER BY RANDOM()). */
  private static boolean isRandom(PhysicalNode n, int col) {
    PhysicalNode cur = n;
    while (true) {
      if (cur instanceof GatherNode || cur instanceof FilterNode
          || cur instanceof UdfNode u && col < u.input().schema().getFields().size()) {
        cur = cur.inputs().get(0);
      } else if (cur instanceof ProjectNode p) {
        Expr e = p.exprs().get(col);
        if (e instanceof Call c) {
          return c.function().equals(Functions.RANDOM) && c.args().isEmpty();
        }
        if (!(e instanceof ColumnRef r)) {
          return false;
        }
        col = r.index();
        cur = p.input();
      } else {
        return false;
      }
    }
  }

  /**
   * A GROUP BY whose aggregates merge their own results: each task aggregates its share (AVG as SUM and
   * COUNT, STDDEV and VARIANCE as a {@link AggCall#VAR_STATE}, user aggregates as their serialized
   * states), a hash exchange on the keys (a gather
   * without keys), the final aggregation merges (COUNT by SUM, states by their merge), and a
   * projection divides AVG's sum by its count, as the embedded AVG does.
   */
  private Dist twoLevel(AggregateNode a, AggregateNode single, PhysicalNode raw, Dist in) {
    int k = single.groupKeys().length;
    Schema rawSchema = single.input().schema();
    List<AggCall> pre = new ArrayList<>();
    List<Field> fields = new ArrayList<>(a.schema().getFields().subList(0, k));
    int[] firstPre = new int[single.aggregates().size()];
    List<Integer> origin = new ArrayList<>(); // pre.get(j) computes part of single.aggregates().get(origin.get(j))
    boolean averages = false;
    for (int i = 0; i < single.aggregates().size(); i++) {
      AggCall c = single.aggregates().get(i);
      firstPre[i] = pre.size();
      if (c.function().equals(AggCall.AVG)) {
        averages = true;
        ArrowType sumType = rawSchema.getFields().get(c.arg()).getType() instanceof ArrowType.Int
            ? new ArrowType.Int(64, true) : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        pre.add(new AggCall(AggCall.SUM, c.arg(), sumType, c.name() + "$sum"));
        pre.add(new AggCall(AggCall.COUNT, c.arg(), new ArrowType.Int(64, true), c.name() + "$count"));
      } else if (VARIANCES.contains(c.function())) {
        pre.add(new AggCall(AggCall.VAR_STATE, c.arg(), AggCall.VAR_STATE_TYPE, c.name() + "$state"));
      } else if (c.function().equals(AggCall.UDAF)) {
        pre.add(new AggCall(AggCall.UDAF_STATE, c.arg(), ArrowType.Binary.INSTANCE, c.name() + "$state", c.udf(),
            c.args()));
      } else {
        pre.add(c);
      }
      while (origin.size() < pre.size()) {
        origin.add(i);
      }
    }
    for (AggCall c : pre) {
      fields.add(Field.nullable(c.name(), c.type()));
    }
    Schema preSchema = new Schema(fields);
    int[] keys = range(k);
    List<AggCall> merges = new ArrayList<>();
    List<Field> mergedFields = new ArrayList<>(fields.subList(0, k));
    for (int j = 0; j < pre.size(); j++) {
      AggCall c = pre.get(j);
      AggCall merge;
      AggCall original = single.aggregates().get(origin.get(j));
      if (c.function().equals(AggCall.VAR_STATE)) {
        merge = new AggCall(AggCall.merge(original.function()), k + j, original.type(), c.name());
      } else if (c.function().equals(AggCall.UDAF_STATE)) {
        merge = new AggCall(AggCall.merge(AggCall.UDAF), k + j, original.type(), c.name(), original.udf(),
            new int[] {k + j});
      } else {
        String fn = c.function().equals(AggCall.COUNT) || c.function().equals(AggCall.COUNT_STAR) ? AggCall.SUM : c.function();
        merge = new AggCall(fn, k + j, c.type(), c.name());
      }
      merges.add(merge);
      mergedFields.add(Field.nullable(merge.name(), merge.type()));
    }
    Schema mergedSchema = new Schema(mergedFields);
    PhysicalNode preAgg;
    if (a.phase() == AggregateNode.Phase.FINAL && in.leaf && in.fragment.equals(raw)) {
      // A leaf keeps the embedded two-phase form, so each task aggregates in parallel.
      GatherNode g = (GatherNode) a.input();
      AggregateNode partial = new AggregateNode(((AggregateNode) g.input()).input(), single.groupKeys(), pre,
          preSchema, AggregateNode.Phase.PARTIAL);
      List<AggCall> sameMerges = new ArrayList<>();
      for (int j = 0; j < pre.size(); j++) {
        sameMerges.add(new AggCall(pre.get(j).function(), k + j, pre.get(j).type(), pre.get(j).name()));
      }
      preAgg = new AggregateNode(new GatherNode(partial, taskThreads), keys, sameMerges, preSchema,
          AggregateNode.Phase.FINAL);
    } else {
      preAgg = new AggregateNode(in.fragment, single.groupKeys(), pre, preSchema);
    }
    Dist preDist = new Dist(preAgg, in.partitions, in.leaf);
    PhysicalNode exchanged = exchange(preDist, k == 0 ? Partitioning.single() : Partitioning.hash(keys, partitions));
    PhysicalNode merged = new AggregateNode(exchanged, keys, merges, averages ? mergedSchema : a.schema());
    if (averages) {
      List<Expr> exprs = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        exprs.add(new ColumnRef(i, mergedSchema.getFields().get(i).getType()));
      }
      ArrowType dbl = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      for (int i = 0; i < single.aggregates().size(); i++) {
        int col = k + firstPre[i];
        if (single.aggregates().get(i).function().equals(AggCall.AVG)) {
          Expr sum = new Call(Functions.CAST, List.of(new ColumnRef(col, pre.get(firstPre[i]).type())), dbl);
          Expr count = new Call(Functions.CAST, List.of(new ColumnRef(col + 1, new ArrowType.Int(64, true))), dbl);
          exprs.add(new Call(Functions.DIVIDE, List.of(sum, count), dbl));
        } else {
          exprs.add(new ColumnRef(col, mergedSchema.getFields().get(col).getType()));
        }
      }
      merged = new ProjectNode(merged, exprs, a.schema());
    }
    return new Dist(merged, k == 0 ? 1 : partitions, false);
  }

  /** The aggregates whose partial state is a {@link AggCall#VAR_STATE}. */
  private static final Set<String> VARIANCES =
      Set.of(AggCall.VAR_SAMP, AggCall.VAR_POP, AggCall.STDDEV_SAMP, AggCall.STDDEV_POP);

  private static boolean mergeable(List<AggCall> calls) {
    Set<String> ok = Set.of(AggCall.COUNT, AggCall.COUNT_STAR, AggCall.SUM, AggCall.MIN, AggCall.MAX, AggCall.ANY_VALUE,
        AggCall.AVG, AggCall.VAR_SAMP, AggCall.VAR_POP, AggCall.STDDEV_SAMP, AggCall.STDDEV_POP);
    return calls.stream().allMatch(c -> c.function().equals(AggCall.UDAF) || ok.contains(c.function()));
  }

  private static AggregateNode withInput(AggregateNode a, PhysicalNode input) {
    return new AggregateNode(input, a.groupKeys(), a.aggregates(), a.schema(), AggregateNode.Phase.SINGLE);
  }

  private Dist sort(SortNode s) {
    Dist in = cut(s.input());
    if (in.single()) {
      return new Dist(new SortNode(in.fragment, s.keys(), s.offset(), s.fetch()), 1, false);
    }
    if (s.fetch() < 0 && s.offset() == 0 && s.keys().size() == 1 && isRandom(s.input(), s.keys().get(0).column())) {
      // A global shuffle: rows go to random partitions, each sorts its rows by their random key.
      PhysicalNode shuffled = exchange(in, Partitioning.random(partitions, seed));
      return new Dist(new SortNode(shuffled, s.keys(), 0, -1), partitions, false);
    }
    Dist pre = s.fetch() < 0 ? in
        : new Dist(new SortNode(in.fragment, s.keys(), 0, s.offset() + s.fetch()), in.partitions, in.leaf);
    return new Dist(new SortNode(exchange(pre, Partitioning.single()), s.keys(), s.offset(), s.fetch()), 1, false);
  }

  private Dist join(HashJoinNode j) {
    Dist l = cut(j.left());
    Dist r = cut(j.right());
    if (j.leftKeys().length == 0 || l.single() && r.single()) {
      return new Dist(new HashJoinNode(gathered(l), gathered(r), j.leftKeys(), j.rightKeys(), j.kind(), j.residual(),
          j.schema()), 1, false);
    }
    PhysicalNode left = exchange(l, Partitioning.hash(j.leftKeys(), partitions));
    PhysicalNode right = exchange(r, Partitioning.hash(j.rightKeys(), partitions));
    return new Dist(new HashJoinNode(left, right, j.leftKeys(), j.rightKeys(), j.kind(), j.residual(), j.schema()),
        partitions, false);
  }

  /** The part as one input: inline when it is one copy already, else gathered by a stage. */
  private PhysicalNode gathered(Dist d) {
    return d.single() ? d.fragment : exchange(d, Partitioning.single());
  }

  /** Makes {@code d} a stage whose output is cut by {@code output}; returns the leaf that reads it. */
  private StageInputNode exchange(Dist d, Partitioning output) {
    // (A write fragment's rows went through PlainScans already, aggregates excepted, as below.)
    PhysicalNode fragment = d.fragment instanceof AggregateNode || d.fragment instanceof CopyWriteNode ? d.fragment
        : PlainScans.apply(d.fragment);
    Set<Integer> inputs = new TreeSet<>();
    collectInputs(fragment, inputs);
    int id = stages.size() + 1;
    stages.add(new Stage(id, fragment, output, d.partitions, new ArrayList<>(inputs), null, fragment.schema()));
    return new StageInputNode(id, fragment.schema());
  }

  private static void collectInputs(PhysicalNode n, Set<Integer> out) {
    if (n instanceof StageInputNode s) {
      out.add(s.stage());
    }
    n.inputs().forEach(i -> collectInputs(i, out));
  }

  private static boolean callsUdf(PhysicalNode n) {
    if (n instanceof UdfNode || n instanceof AggregateNode a && a.aggregates().stream().anyMatch(c -> c.udf() != null)) {
      return true;
    }
    return n.inputs().stream().anyMatch(StagePlanner::callsUdf);
  }

  private static int[] range(int k) {
    int[] r = new int[k];
    for (int i = 0; i < k; i++) {
      r[i] = i;
    }
    return r;
  }
}
