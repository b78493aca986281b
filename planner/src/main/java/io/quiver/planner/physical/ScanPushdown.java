package io.quiver.planner.physical;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.udf.UdfHints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Pushes work into scans: only the columns the operators above use are read (projection pushdown),
 * simple filter conjuncts are handed to the reader to skip data (the filter stays above, so readers may
 * apply them partially), and a LIMIT directly over a scan becomes a row limit hint. EXPLAIN shows all three.
 */
public final class ScanPushdown {
  /** Functions a reader can evaluate against statistics or rows. */
  private static final Set<String> PUSHABLE = Set.of(Functions.EQ, Functions.NE, Functions.LT, Functions.LE,
      Functions.GT, Functions.GE, Functions.IS_NULL, Functions.IS_NOT_NULL, Functions.IN, Functions.AND,
      Functions.OR, Functions.NOT);

  private ScanPushdown() {}

  public static PhysicalNode apply(PhysicalNode node) {
    if (node instanceof ProjectNode p) {
      PhysicalNode pruned = pruneProject(p);
      if (pruned != null) {
        return pruned;
      }
    }
    if (node instanceof AggregateNode a) {
      PhysicalNode pruned = pruneAggregate(a);
      if (pruned != null) {
        return pruned;
      }
    }
    if (node instanceof FilterNode f && f.input() instanceof ScanNode s && isUnpruned(s)) {
      return new FilterNode(withFilters(s, f.condition()), f.condition());
    }
    if (node instanceof LimitNode l && l.fetch() >= 0) {
      PhysicalNode limited = limitScan(apply(l.input()), l.offset() + l.fetch());
      return new LimitNode(limited, l.offset(), l.fetch());
    }
    return Nodes.mapInputs(node, ScanPushdown::apply);
  }

  private static PhysicalNode pruneProject(ProjectNode p) {
    FilterNode filter = p.input() instanceof FilterNode f ? f : null;
    PhysicalNode scan = filter == null ? p.input() : filter.input();
    if (!isUnprunedScan(scan)) {
      return null;
    }
    BitSet used = new BitSet();
    p.exprs().forEach(e -> Exprs.collectColumns(e, used));
    if (filter != null) {
      Exprs.collectColumns(filter.condition(), used);
    }
    int[] mapping = mapping(used, scan.schema().getFields().size()); // unpruned: schema = source schema
    PhysicalNode input = narrowedScan(scan, used, filter);
    if (filter != null) {
      input = new FilterNode(input, Exprs.remap(filter.condition(), mapping));
    }
    List<Expr> exprs = new ArrayList<>();
    p.exprs().forEach(e -> exprs.add(Exprs.remap(e, mapping)));
    return new ProjectNode(input, exprs, p.schema());
  }

  private static PhysicalNode pruneAggregate(AggregateNode a) {
    FilterNode filter = a.input() instanceof FilterNode f ? f : null;
    PhysicalNode scan = filter == null ? a.input() : filter.input();
    if (!isUnprunedScan(scan)) {
      return null;
    }
    BitSet used = new BitSet();
    Arrays.stream(a.groupKeys()).forEach(used::set);
    a.aggregates().forEach(c -> Arrays.stream(c.args()).forEach(used::set));
    if (filter != null) {
      Exprs.collectColumns(filter.condition(), used);
    }
    int[] mapping = mapping(used, scan.schema().getFields().size()); // unpruned: schema = source schema
    PhysicalNode input = narrowedScan(scan, used, filter);
    if (filter != null) {
      input = new FilterNode(input, Exprs.remap(filter.condition(), mapping));
    }
    int[] keys = Arrays.stream(a.groupKeys()).map(k -> mapping[k]).toArray();
    List<AggCall> calls = new ArrayList<>();
    for (AggCall c : a.aggregates()) {
      calls.add(c.remapped(mapping));
    }
    return new AggregateNode(input, keys, calls, a.schema());
  }

  private static PhysicalNode narrowedScan(PhysicalNode scan, BitSet used, FilterNode filter) {
    int[] projection = used.stream().toArray();
    if (scan instanceof ScanNode s) {
      ScanNode narrowed = new ScanNode(s.function(), s.args(), s.sourceSchema(), projection, s.filters(), s.limit());
      return filter == null ? narrowed : withFilters(narrowed, filter.condition());
    }
    TableScanNode t = (TableScanNode) scan;
    return new TableScanNode(t.table(), t.sourceSchema(), projection);
  }

  /** old column index → new index among the used columns. */
  private static int[] mapping(BitSet used, int width) {
    int[] m = new int[width];
    Arrays.fill(m, -1);
    int next = 0;
    for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
      m[i] = next++;
    }
    return m;
  }

  /** The scan with the pushable conjuncts of {@code condition} (over the scan's full schema) as filters. */
  private static ScanNode withFilters(ScanNode s, Expr condition) {
    List<Expr> filters = new ArrayList<>(s.filters());
    for (Expr c : Exprs.conjuncts(condition)) {
      if (isPushable(c)) {
        filters.add(c);
      }
    }
    return new ScanNode(s.function(), s.args(), s.sourceSchema(), s.projection(), filters, s.limit());
  }

  private static boolean isPushable(Expr e) {
    if (e instanceof ColumnRef || e instanceof Literal) {
      return true;
    }
    Call c = (Call) e;
    return PUSHABLE.contains(c.function()) && c.args().stream().allMatch(ScanPushdown::isPushable);
  }

  private static PhysicalNode limitScan(PhysicalNode n, long limit) {
    if (n instanceof ScanNode s && s.filters().isEmpty()) {
      long l = s.limit() < 0 ? limit : Math.min(limit, s.limit());
      return new ScanNode(s.function(), s.args(), s.sourceSchema(), s.projection(), s.filters(), l);
    }
    if (n instanceof ProjectNode p && p.exprs().stream().allMatch(Exprs::isDeterministic)) {
      return new ProjectNode(limitScan(p.input(), limit), p.exprs(), p.schema());
    }
    if (n instanceof UdfNode u && u.function().hints().onError() != UdfHints.OnError.SKIP) {
      // One result row per input row, so the limit holds below the call too.
      return UdfNode.of(limitScan(u.input(), limit), u.function(), u.args(), u.output());
    }
    return n;
  }

  private static boolean isUnprunedScan(PhysicalNode n) {
    return (n instanceof ScanNode s && isUnpruned(s))
        || (n instanceof TableScanNode t && t.projection().length == t.sourceSchema().getFields().size());
  }

  private static boolean isUnpruned(ScanNode s) {
    return s.projection().length == s.sourceSchema().getFields().size();
  }
}
