package io.quiver.executor.udf;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.UdfNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actors a query's pools start with, reserved all at once before anything runs. Reserving pool by
 * pool could deadlock (an outer pool holding every CPU while the inner pool feeding it waits), so the
 * query takes its pools' starting actors together: each pool's {@code min}, lowered (to at least one
 * actor) until they fit the machine. A pool whose single actor can never fit, or pools that cannot
 * even get one actor each, fail the query at once.
 */
public final class QueryReservations {
  private final Map<UdfNode, Integer> actors = new IdentityHashMap<>();

  /** Reserves the starting actors of every actor pool in {@code plan} and attaches them to {@code ctx}. */
  public static void reserve(PhysicalNode plan, ExecContext ctx) {
    List<UdfNode> pools = new ArrayList<>();
    collect(plan, pools);
    if (pools.isEmpty()) {
      return;
    }
    ResourceBudget budget = ResourceBudget.of(ctx);
    int[] counts = new int[pools.size()];
    for (int i = 0; i < pools.size(); i++) {
      UdfHints h = pools.get(i).function().hints();
      ResourceBudget.Request one = ResourceBudget.Request.of(h);
      String why = budget.neverFits(one);
      if (why != null) {
        throw new QuiverException("Function " + pools.get(i).function().name() + " can never run here: one actor "
            + "asks " + why + ". Lower the function's hints (CREATE OR REPLACE FUNCTION ... WITH (...)) or run on "
            + "a machine that has them.");
      }
      counts[i] = h.minActors();
      while (counts[i] > 1 && !budget.fitsTotal(List.of(one.times(counts[i])))) {
        counts[i]--;
      }
    }
    while (!budget.fitsTotal(requests(pools, counts))) {
      int largest = -1;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 1 && (largest < 0 || counts[i] > counts[largest])) {
          largest = i;
        }
      }
      if (largest < 0) {
        throw new QuiverException("This query's " + pools.size() + " UDF actor pools ("
            + String.join(", ", pools.stream().map(p -> p.function().name()).toList()) + ") need one actor each, "
            + "which together is more than the " + budget.total().cpus() + " CPUs, " + budget.total().gpus()
            + " GPUs and memory available; lower their num_cpus/num_gpus/memory hints.");
      }
      counts[largest]--;
    }
    budget.acquire(total(requests(pools, counts)), ctx);
    QueryReservations r = ctx.attachment(QueryReservations.class, QueryReservations::new);
    for (int i = 0; i < pools.size(); i++) {
      r.actors.put(pools.get(i), counts[i]);
    }
  }

  /** The actors reserved for {@code node}'s pool (handed over to it once), or 0 if none. */
  public static synchronized int take(UdfNode node, ExecContext ctx) {
    QueryReservations r = ctx.attachmentOrNull(QueryReservations.class);
    Integer n = r == null ? null : r.actors.remove(node);
    return n == null ? 0 : n;
  }

  /** Releases reservations no pool took (the query failed or stopped before its pools started). */
  public static synchronized void releaseUnused(ExecContext ctx) {
    QueryReservations r = ctx.attachmentOrNull(QueryReservations.class);
    if (r == null) {
      return;
    }
    ResourceBudget budget = ResourceBudget.of(ctx);
    r.actors.forEach((node, n) -> budget.release(ResourceBudget.Request.of(node.function().hints()).times(n)));
    r.actors.clear();
  }

  private static void collect(PhysicalNode n, List<UdfNode> out) {
    if (n instanceof UdfNode u && u.function().hints().isPool()) {
      out.add(u);
    }
    n.inputs().forEach(i -> collect(i, out));
  }

  private static List<ResourceBudget.Request> requests(List<UdfNode> pools, int[] counts) {
    List<ResourceBudget.Request> out = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      out.add(ResourceBudget.Request.of(pools.get(i).function().hints()).times(counts[i]));
    }
    return out;
  }

  private static ResourceBudget.Request total(List<ResourceBudget.Request> rs) {
    ResourceBudget.Request sum = new ResourceBudget.Request(0, 0, 0, Map.of());
    for (ResourceBudget.Request r : rs) {
      sum = sum.plus(r);
    }
    return sum;
  }
}
