package io.quiver.planner.physical;

import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ScanNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Lets an aggregation read VARCHAR columns dictionary-encoded: when an aggregate (single or partial)
 * reads a scan directly, the VARCHAR columns it uses as group keys or aggregate arguments become the
 * scan's {@code dictionaryColumns}, which the hash aggregation takes as dictionary ids (one key lookup
 * per dictionary entry, no string copies) and decodes where it needs the strings. Every other consumer
 * keeps plain VARCHAR vectors. Runs last, after {@link PartialAggregation}; EXPLAIN marks the columns.
 */
public final class DictionaryScans {
  private DictionaryScans() {}

  public static PhysicalNode apply(PhysicalNode node) {
    PhysicalNode n = Nodes.mapInputs(node, DictionaryScans::apply);
    if (n instanceof AggregateNode a && a.phase() != AggregateNode.Phase.FINAL && a.input() instanceof ScanNode s) {
      Set<Integer> dictionary = new HashSet<>();
      for (int k : a.groupKeys()) {
        addIfVarChar(s, k, dictionary);
      }
      for (AggCall c : a.aggregates()) {
        if (c.arg() >= 0 && !AggCall.COUNT_STAR.equals(c.function())) {
          addIfVarChar(s, c.arg(), dictionary);
        }
      }
      if (!dictionary.isEmpty()) {
        ScanNode marked = new ScanNode(s.function(), s.args(), s.sourceSchema(), s.projection(), s.filters(),
            s.limit(), dictionary);
        return Nodes.withInputs(a, List.of(marked));
      }
    }
    return n;
  }

  private static void addIfVarChar(ScanNode s, int column, Set<Integer> out) {
    Field f = s.schema().getFields().get(column);
    if (f.getType() instanceof ArrowType.Utf8) {
      out.add(s.projection()[column]);
    }
  }
}
