package io.quiver.planner.physical;

import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ScanNode;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Lets an aggregation read VARCHAR columns dictionary-encoded: when an aggregate (single or partial)
 * reads a scan directly or through a filter, the VARCHAR columns it uses as group keys or aggregate
 * arguments (and the filter condition does not) become the scan's {@code dictionaryColumns}, which the hash aggregation takes as dictionary ids (one key lookup
 * per dictionary entry, no string copies) and decodes where it needs the strings. Every other consumer
 * keeps plain VARCHAR vectors. Runs last, after {@link PartialAggregation}; EXPLAIN marks the columns.
 */
public final class DictionaryScans {
  private DictionaryScans() {}

  public static PhysicalNode apply(PhysicalNode node) {
    PhysicalNode n = Nodes.mapInputs(node, DictionaryScans::apply);
    if (!(n instanceof AggregateNode a) || a.phase() == AggregateNode.Phase.FINAL) {
      return n;
    }
    FilterNode filter = a.input() instanceof FilterNode f ? f : null;
    if (!((filter == null ? a.input() : filter.input()) instanceof ScanNode s)) {
      return n;
    }
    // A filter evaluates its condition on plain strings, and passes the other columns on as they are.
    BitSet evaluated = new BitSet();
    if (filter != null) {
      Exprs.collectColumns(filter.condition(), evaluated);
    }
    Set<Integer> dictionary = new HashSet<>();
    for (int k : a.groupKeys()) {
      addIfVarChar(s, k, evaluated, dictionary);
    }
    for (AggCall c : a.aggregates()) {
      if (c.arg() >= 0 && !AggCall.COUNT_STAR.equals(c.function())) {
        addIfVarChar(s, c.arg(), evaluated, dictionary);
      }
    }
    if (dictionary.isEmpty()) {
      return n;
    }
    PhysicalNode marked = new ScanNode(s.function(), s.args(), s.sourceSchema(), s.projection(), s.filters(),
        s.limit(), dictionary);
    if (filter != null) {
      marked = Nodes.withInputs(filter, List.of(marked));
    }
    return Nodes.withInputs(a, List.of(marked));
  }

  private static void addIfVarChar(ScanNode s, int column, BitSet evaluated, Set<Integer> out) {
    Field f = s.schema().getFields().get(column);
    if (f.getType() instanceof ArrowType.Utf8 && !evaluated.get(column)) {
      out.add(s.projection()[column]);
    }
  }
}
