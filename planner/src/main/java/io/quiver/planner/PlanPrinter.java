package io.quiver.planner;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UnionNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.executor.runtime.OperatorStats;
import io.quiver.executor.runtime.PoolStats;
import io.quiver.executor.udf.UdfSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * EXPLAIN: the physical plan as an indented operator tree, one operator per line, with column names
 * instead of positions and the pushdowns into each scan (columns, filters, limit).
 */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static List<String> lines(PhysicalNode plan) {
    return lines(plan, null);
  }

  /**
   * The plan with, when {@code metrics} is given (EXPLAIN ANALYZE), each operator's rows, batches and
   * time (including its inputs'), and each actor pool's actors and how busy they were.
   */
  public static List<String> lines(PhysicalNode plan, ExecMetrics metrics) {
    List<String> out = new ArrayList<>();
    print(plan, 0, out, metrics);
    return out;
  }

  private static void print(PhysicalNode n, int depth, List<String> out, ExecMetrics metrics) {
    String line = "  ".repeat(depth) + describe(n);
    if (metrics != null) {
      OperatorStats s = metrics.get(n);
      line += "  -- " + (s == null ? "not run" : s.toString());
      PoolStats p = metrics.pool(n);
      if (p != null) {
        line += " pool: " + p;
      }
    }
    out.add(line);
    for (PhysicalNode in : n.inputs()) {
      print(in, depth + 1, out, metrics);
    }
  }

  static String describe(PhysicalNode n) {
    if (n instanceof ScanNode s) {
      String args = s.args().entrySet().stream().map(PlanPrinter::arg).collect(Collectors.joining(", "));
      StringBuilder sb = new StringBuilder("Scan ").append(s.function()).append('(').append(args).append(')');
      List<String> columns = new ArrayList<>();
      for (int c : s.projection()) {
        String name = s.sourceSchema().getFields().get(c).getName();
        columns.add(s.dictionaryColumns().contains(c) ? name + " (dictionary)" : name);
      }
      sb.append(" columns=").append(columns);
      if (!s.filters().isEmpty()) {
        sb.append(" filters=").append(s.filters().stream().map(f -> expr(f, s.sourceSchema()))
            .collect(Collectors.joining(", ", "[", "]")));
      }
      if (s.limit() >= 0) {
        sb.append(" limit=").append(s.limit());
      }
      return sb.toString();
    }
    if (n instanceof TableScanNode t) {
      return "TableScan " + t.table() + " columns=" + names(t.sourceSchema(), t.projection());
    }
    if (n instanceof ValuesNode v) {
      return "Values rows=" + v.rows().size();
    }
    if (n instanceof FilterNode f) {
      return "Filter " + expr(f.condition(), f.input().schema());
    }
    if (n instanceof ProjectNode p) {
      List<String> cols = new ArrayList<>();
      for (int i = 0; i < p.exprs().size(); i++) {
        String e = expr(p.exprs().get(i), p.input().schema());
        String name = p.schema().getFields().get(i).getName();
        cols.add(e.equals(name) ? name : name + " := " + e);
      }
      return "Project " + String.join(", ", cols);
    }
    if (n instanceof AggregateNode a && a.phase() == AggregateNode.Phase.FINAL) {
      Schema in = a.input().schema();
      List<String> merged = new ArrayList<>();
      for (AggCall c : a.aggregates()) {
        merged.add(in.getFields().get(c.arg()).getName());
      }
      return "HashAggregate(final) keys=" + names(in, a.groupKeys()) + " merges partial states of " + merged;
    }
    if (n instanceof AggregateNode a) {
      Schema in = a.input().schema();
      List<String> aggs = new ArrayList<>();
      for (AggCall c : a.aggregates()) {
        // A user aggregate by its name; its serialized state and the merge of states by what they do.
        String fn = c.udf() == null ? c.function()
            : c.function().equals(AggCall.UDAF) ? c.udf().name() : c.function() + "<" + c.udf().name() + ">";
        String args = c.udf() != null ? String.join(", ", names(in, c.args()))
            : c.arg() < 0 ? "*" : in.getFields().get(c.arg()).getName();
        aggs.add(c.name() + " := " + fn + "(" + args + ")");
      }
      String phase = a.phase() == AggregateNode.Phase.PARTIAL ? "HashAggregate(partial)" : "HashAggregate";
      return phase + " keys=" + names(in, a.groupKeys()) + " aggregates=[" + String.join(", ", aggs) + "]";
    }
    if (n instanceof SortNode s) {
      Schema in = s.input().schema();
      String keys = s.keys().stream().map(k -> key(k, in)).collect(Collectors.joining(", "));
      String kind = s.fetch() >= 0 ? "TopN" : "Sort";
      return kind + " [" + keys + "]" + (s.offset() > 0 ? " offset=" + s.offset() : "")
          + (s.fetch() >= 0 ? " fetch=" + s.fetch() : "");
    }
    if (n instanceof LimitNode l) {
      return "Limit" + (l.offset() > 0 ? " offset=" + l.offset() : "") + (l.fetch() >= 0 ? " fetch=" + l.fetch() : "");
    }
    if (n instanceof HashJoinNode j) {
      List<String> conds = new ArrayList<>();
      for (int i = 0; i < j.leftKeys().length; i++) {
        conds.add(j.left().schema().getFields().get(j.leftKeys()[i]).getName() + " = "
            + j.right().schema().getFields().get(j.rightKeys()[i]).getName());
      }
      return "HashJoin " + j.kind() + " [" + String.join(", ", conds) + "]"
          + (j.residual() == null ? "" : " residual=" + j.residual());
    }
    if (n instanceof UnionNode) {
      return "UnionAll";
    }
    if (n instanceof GatherNode g && g.input() instanceof AggregateNode a && a.phase() == AggregateNode.Phase.PARTIAL) {
      return "Gather parallelism=" + g.parallelism() + " (one partial aggregate per worker, splits round-robin)";
    }
    if (n instanceof GatherNode g) {
      return "Gather parallelism=" + g.parallelism() + " (one pipeline per split, in split order)";
    }
    if (n instanceof UdfNode u) {
      return udf(u);
    }
    if (n instanceof io.quiver.executor.plan.StageInputNode si) {
      return "StageInput stage=" + si.stage();
    }
    if (n instanceof io.quiver.executor.plan.CopyWriteNode c) {
      return "CopyWrite '" + c.spec().target() + "' " + c.spec().format().extension()
          + (c.spec().partitionBy().isEmpty() ? "" : " partition_by=" + c.spec().partitionBy())
          + " (staged per task, committed by the coordinator)";
    }
    return n.getClass().getSimpleName();
  }

  /** {@code ActorPool classify(image) -> classify INTEGER [concurrency=1..4 num_cpus=1 ...]}. */
  private static String udf(UdfNode u) {
    UdfSpec f = u.function();
    String kind = f.hints().isPool() ? "ActorPool " : "Udf ";
    return kind + f.name() + "(" + String.join(", ", names(u.input().schema(), u.args())) + ") -> "
        + u.output().getName() + " " + io.quiver.sql.types.TypeMapping.displayName(u.output())
        + " [" + f.hints().describe() + "] class=" + f.className()
        + (f.jar() == null ? "" : " jar=" + java.nio.file.Path.of(f.jar()).getFileName());
  }

  private static String arg(Map.Entry<String, Object> e) {
    Object v = e.getValue();
    return e.getKey() + " => " + (v instanceof String s ? "'" + s + "'" : String.valueOf(v));
  }

  private static String key(SortKey k, Schema in) {
    return in.getFields().get(k.column()).getName() + (k.descending() ? " DESC" : " ASC")
        + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
  }

  private static List<String> names(Schema s, int[] columns) {
    List<String> names = new ArrayList<>();
    for (int c : columns) {
      names.add(s.getFields().get(c).getName());
    }
    return names;
  }

  /** An expression with column names, e.g. {@code cast(split_part(path, '/', -2))}. */
  public static String expr(Expr e, Schema input) {
    if (e instanceof ColumnRef ref) {
      return input.getFields().get(ref.index()).getName();
    }
    if (e instanceof Literal l) {
      return l.toString();
    }
    Call c = (Call) e;
    List<String> args = new ArrayList<>();
    c.args().forEach(a -> args.add(expr(a, input)));
    String infix = switch (c.function()) {
      case Functions.EQ -> " = ";
      case Functions.NE -> " <> ";
      case Functions.LT -> " < ";
      case Functions.LE -> " <= ";
      case Functions.GT -> " > ";
      case Functions.GE -> " >= ";
      case Functions.AND -> " AND ";
      case Functions.OR -> " OR ";
      case Functions.ADD -> " + ";
      case Functions.SUBTRACT -> " - ";
      case Functions.MULTIPLY -> " * ";
      case Functions.DIVIDE -> " / ";
      default -> null;
    };
    if (infix != null && args.size() >= 2) {
      return "(" + String.join(infix, args) + ")";
    }
    if (c.function().equals(Functions.CAST)) {
      return "CAST(" + args.get(0) + " AS " + io.quiver.sql.types.TypeMapping.displayName(
          new org.apache.arrow.vector.types.pojo.Field("", org.apache.arrow.vector.types.pojo.FieldType.nullable(c.type()), null)) + ")";
    }
    return c.function() + "(" + String.join(", ", args) + ")";
  }
}
