package io.quiver.planner;

import io.quiver.executor.cluster.Partitioning;
import io.quiver.planner.stages.Stage;
import io.quiver.planner.stages.StagePlan;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * EXPLAIN on a cluster: each stage with its task count and output exchange, e.g.
 * {@code Stage 2 [4 tasks, hash(k) -> 4]}, over its fragment (in {@link PlanPrinter}'s style, reading
 * earlier stages through {@code StageInput} leaves), then the coordinator's fragment.
 */
public final class StagePrinter {
  private StagePrinter() {}

  public static List<String> lines(StagePlan plan) {
    return lines(plan, java.util.Map.of());
  }

  /** The stages with, after each stage's header, its note if any (EXPLAIN ANALYZE: rows, time, retries). */
  public static List<String> lines(StagePlan plan, java.util.Map<Integer, String> notes) {
    List<String> out = new ArrayList<>();
    for (Stage s : plan.stages()) {
      String note = notes.containsKey(s.id()) ? "  -- " + notes.get(s.id()) : "";
      if (s.isTable()) {
        out.add("Stage " + s.id() + " [table " + s.table() + ", " + s.taskCount() + " blocks on the workers]" + note);
        continue;
      }
      out.add("Stage " + s.id() + " [" + s.taskCount() + (s.taskCount() == 1 ? " task, " : " tasks, ")
          + exchange(s.output(), s.schema()) + "]" + note);
      for (String line : PlanPrinter.lines(s.fragment())) {
        out.add("  " + line);
      }
    }
    out.add("Coordinator");
    for (String line : PlanPrinter.lines(plan.top())) {
      out.add("  " + line);
    }
    return out;
  }

  /** {@code single}, {@code hash(a, b) -> 4}, {@code random -> 4} or {@code broadcast -> 4}. */
  static String exchange(Partitioning p, Schema schema) {
    switch (p.kind()) {
      case SINGLE:
        return "single";
      case HASH:
        List<String> keys = new ArrayList<>();
        for (int k : p.keys()) {
          keys.add(schema.getFields().get(k).getName());
        }
        return "hash(" + String.join(", ", keys) + ") -> " + p.count();
      case RANDOM:
        return "random -> " + p.count();
      default:
        return "broadcast -> " + p.count();
    }
  }
}
