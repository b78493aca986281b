package io.quiver.executor.udf;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What actors may reserve on this machine: CPUs (setting {@code cpus}, default the cores), GPUs
 * ({@code gpus}, default 0), memory ({@code udf_memory}, default the maximum heap) and custom resources
 * ({@code resources}, e.g. {@code 'tpu:2'}), minus {@code reader_cpus} kept for the readers that feed
 * the pools. Reservations never exceed the totals. One budget per distinct configuration per JVM, so
 * concurrent queries share it.
 */
public final class ResourceBudget {
  /** One actor's (or several actors') needs. */
  public record Request(double cpus, double gpus, long memory, Map<String, Double> resources) {
    public static Request of(UdfHints h) {
      return new Request(h.numCpus(), h.numGpus(), h.memoryBytes(), h.resources());
    }

    public Request times(int n) {
      Map<String, Double> r = new TreeMap<>();
      resources.forEach((k, v) -> r.put(k, v * n));
      return new Request(cpus * n, gpus * n, memory * n, r);
    }

    Request plus(Request o) {
      Map<String, Double> r = new TreeMap<>(resources);
      o.resources.forEach((k, v) -> r.merge(k, v, Double::sum));
      return new Request(cpus + o.cpus, gpus + o.gpus, memory + o.memory, r);
    }
  }

  private static final Map<String, ResourceBudget> BUDGETS = new ConcurrentHashMap<>();
  private static final double EPS = 1e-9;

  private final Request total;
  private double cpus;
  private double gpus;
  private long memory;
  private final Map<String, Double> resources = new HashMap<>();

  public ResourceBudget(Request total) {
    this.total = total;
    this.cpus = total.cpus();
    this.gpus = total.gpus();
    this.memory = total.memory();
    this.resources.putAll(total.resources());
  }

  /** The shared budget for a query's settings. */
  public static ResourceBudget of(ExecContext ctx) {
    double cores = Double.parseDouble(ctx.setting("cpus", Integer.toString(Runtime.getRuntime().availableProcessors())));
    double readers = Double.parseDouble(ctx.setting("reader_cpus", "0"));
    double gpus = Double.parseDouble(ctx.setting("gpus", "0"));
    String mem = ctx.setting("udf_memory", null);
    long memory = mem == null ? Runtime.getRuntime().maxMemory() : UdfHints.bytes(mem, "(setting udf_memory)");
    Map<String, Double> custom = new TreeMap<>();
    String res = ctx.setting("resources", "");
    for (String part : res.split(",")) {
      String[] kv = part.split("[:=]");
      if (kv.length == 2) {
        custom.put(kv[0].strip().toLowerCase(Locale.ROOT), Double.parseDouble(kv[1].strip()));
      }
    }
    Request total = new Request(Math.max(0, cores - readers), gpus, memory, custom);
    return BUDGETS.computeIfAbsent(total.toString(), k -> new ResourceBudget(total));
  }

  public Request total() {
    return total;
  }

  /** Null if one actor asking {@code r} fits in the totals, else why it never can. */
  public String neverFits(Request r) {
    if (r.cpus() > total.cpus() + EPS) {
      return "num_cpus = " + r.cpus() + " but only " + total.cpus() + " CPUs are available to UDF actors";
    }
    if (r.gpus() > total.gpus() + EPS) {
      return "num_gpus = " + r.gpus() + " but this machine has " + (total.gpus() == 0 ? "no GPUs"
          : "only " + total.gpus() + " GPUs") + " (setting gpus)";
    }
    if (r.memory() > total.memory()) {
      return "memory = " + (r.memory() >> 20) + "m but only " + (total.memory() >> 20) + "m can be reserved";
    }
    for (Map.Entry<String, Double> e : r.resources().entrySet()) {
      double have = total.resources().getOrDefault(e.getKey(), 0.0);
      if (e.getValue() > have + EPS) {
        return "resource '" + e.getKey() + "' = " + e.getValue() + " but this machine has " + have
            + " (setting resources)";
      }
    }
    return null;
  }

  /** Reserves {@code r} if it fits now. */
  public synchronized boolean tryAcquire(Request r) {
    if (!fitsNow(r)) {
      return false;
    }
    take(r, -1);
    return true;
  }

  /**
   * Reserves all of {@code r} at once, waiting for other queries to release theirs; gives up when the
   * query is cancelled. The caller has checked that it fits the totals.
   */
  public synchronized void acquire(Request r, ExecContext ctx) {
    while (!fitsNow(r)) {
      ctx.checkCancelled();
      try {
        wait(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuiverException("Query interrupted while waiting for UDF resources.", e);
      }
    }
    take(r, -1);
  }

  public synchronized void release(Request r) {
    take(r, +1);
    notifyAll();
  }

  /** Whether {@code requests} together fit the totals. */
  public boolean fitsTotal(List<Request> requests) {
    Request sum = new Request(0, 0, 0, Map.of());
    for (Request r : requests) {
      sum = sum.plus(r);
    }
    return neverFits(sum) == null;
  }

  private boolean fitsNow(Request r) {
    if (r.cpus() > cpus + EPS || r.gpus() > gpus + EPS || r.memory() > memory) {
      return false;
    }
    for (Map.Entry<String, Double> e : r.resources().entrySet()) {
      if (e.getValue() > resources.getOrDefault(e.getKey(), 0.0) + EPS) {
        return false;
      }
    }
    return true;
  }

  private void take(Request r, int sign) {
    cpus += sign * r.cpus();
    gpus += sign * r.gpus();
    memory += sign * r.memory();
    r.resources().forEach((k, v) -> resources.merge(k, sign * v, Double::sum));
  }
}
