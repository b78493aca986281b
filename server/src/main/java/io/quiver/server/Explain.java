package io.quiver.server;

import io.quiver.executor.BatchStream;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.planner.PlanPrinter;
import io.quiver.sql.statement.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * EXPLAIN prints the physical plan (actor pools with their hints); EXPLAIN ANALYZE also runs it and
 * reports rows, batches and time per operator, and actors and busy time per pool.
 */
final class Explain {
  private Explain() {}

  static StatementResult run(Statement.Explain e, PhysicalNode plan, Session session) {
    List<String[]> rows = new ArrayList<>();
    ClusterQueries cluster = session.cluster();
    if (!e.analyze()) {
      for (String line : cluster != null ? cluster.explain(plan) : PlanPrinter.lines(plan)) {
        rows.add(new String[] {line});
      }
    } else if (cluster != null) {
      for (String line : cluster.explainAnalyze(plan)) {
        rows.add(new String[] {line});
      }
    } else {
      ExecMetrics metrics = new ExecMetrics();
      long start = System.nanoTime();
      long count = 0;
      long batches = 0;
      try (StatementResult r = session.execute(plan, metrics)) {
        BatchStream s = r.stream();
        VectorSchemaRoot b;
        while ((b = s.next()) != null) {
          count += b.getRowCount();
          batches++;
          b.close();
        }
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      for (String line : PlanPrinter.lines(plan, metrics)) {
        rows.add(new String[] {line});
      }
      rows.add(new String[] {"-- executed: rows=" + count + " batches=" + batches + " time=" + ms + " ms"});
    }
    return session.rows(List.of("plan"), rows);
  }
}
