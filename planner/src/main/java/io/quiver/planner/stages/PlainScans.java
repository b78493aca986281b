package io.quiver.planner.stages;

import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.planner.physical.Nodes;
import java.util.Set;

/**
 * Turns off dictionary-encoded reading in a fragment's scans: dictionary ids only make sense next to
 * their dictionary, so a stage's output, which travels as blocks, carries plain strings.
 */
final class PlainScans {
  private PlainScans() {}

  static PhysicalNode apply(PhysicalNode n) {
    if (n instanceof ScanNode s) {
      return s.dictionaryColumns().isEmpty() ? s
          : new ScanNode(s.function(), s.args(), s.sourceSchema(), s.projection(), s.filters(), s.limit(), Set.of());
    }
    return Nodes.mapInputs(n, PlainScans::apply);
  }
}
