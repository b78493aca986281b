package io.quiver.server;

import io.quiver.executor.plan.PhysicalNode;
import io.quiver.sql.statement.Statement;
import io.quiver.sql.statement.StatementParser;

/** Test access to the physical plan a session makes for a query (or an EXPLAIN's query). */
public final class SessionPlans {
  private SessionPlans() {}

  /** The plan of {@code sql} if it is a query or EXPLAIN, else null. */
  public static PhysicalNode plan(Session session, String sql) {
    Statement st = StatementParser.parse(sql);
    if (st instanceof Statement.Query q) {
      return session.plan(q.query());
    }
    if (st instanceof Statement.Explain e) {
      return session.plan(e.query());
    }
    return null;
  }
}
