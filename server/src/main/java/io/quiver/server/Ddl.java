package io.quiver.server;

import io.quiver.executor.BatchStream;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.sql.statement.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/** CREATE TABLE AS, CREATE VIEW and DROP. */
final class Ddl {
  private static final Pattern VIEW_QUERY = Pattern.compile("(?is)^\\s*create\\s+(?:or\\s+replace\\s+)?view\\s+(?:\"[^\"]+\"|\\S+)\\s+as\\s+(.*)$");

  private Ddl() {}

  static StatementResult createTable(Session s, Statement.CreateTableAs c) {
    if (s.catalog().view(c.name()) != null) {
      throw new QuiverException("'" + c.name() + "' is a view; DROP VIEW it first to create a table of that name.");
    }
    if (s.catalog().table(c.name()) != null && !c.orReplace()) {
      if (c.ifNotExists()) {
        return StatementResult.message("Table " + c.name() + " already exists.");
      }
      throw new QuiverException("Table '" + c.name() + "' already exists; use CREATE OR REPLACE TABLE to replace it.");
    }
    PhysicalNode plan = s.plan(c.query());
    ClusterQueries cluster = s.cluster();
    if (cluster != null) {
      long n = cluster.createTable(c.name(), plan);
      s.tables().drop(c.name());
      s.catalog().putTable(c.name(), plan.schema());
      return StatementResult.update("Created table " + c.name() + " (" + n + " rows).", n);
    }
    List<VectorSchemaRoot> stored = new ArrayList<>();
    long rows = 0;
    BufferAllocator target = s.tables().allocator();
    try (StatementResult r = s.execute(plan)) {
      BatchStream stream = r.stream();
      VectorSchemaRoot b;
      while ((b = stream.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          if (batch.getRowCount() > 0) {
            stored.add(transfer(batch, plan, target));
            rows += batch.getRowCount();
          }
        }
      }
    } catch (RuntimeException e) {
      stored.forEach(VectorSchemaRoot::close);
      throw e;
    }
    s.tables().put(c.name(), plan.schema(), stored);
    s.catalog().putTable(c.name(), plan.schema());
    return StatementResult.update("Created table " + c.name() + " (" + rows + " rows).", rows);
  }

  /** Moves a batch's buffers into the table store's allocator, named as the plan says. */
  private static VectorSchemaRoot transfer(VectorSchemaRoot batch, PhysicalNode plan, BufferAllocator target) {
    List<FieldVector> moved = new ArrayList<>();
    for (FieldVector v : batch.getFieldVectors()) {
      TransferPair tp = v.getTransferPair(target);
      tp.transfer();
      moved.add((FieldVector) tp.getTo());
    }
    return new VectorSchemaRoot(plan.schema().getFields(), moved, batch.getRowCount());
  }

  static StatementResult createView(Session s, Statement.CreateView v) {
    if (s.catalog().table(v.name()) != null) {
      throw new QuiverException("'" + v.name() + "' is a table; DROP TABLE it first to create a view of that name.");
    }
    if (s.catalog().view(v.name()) != null && !v.orReplace()) {
      throw new QuiverException("View '" + v.name() + "' already exists; use CREATE OR REPLACE VIEW to replace it.");
    }
    Matcher m = VIEW_QUERY.matcher(v.text());
    if (!m.matches()) {
      throw new QuiverException("CREATE VIEW must be: CREATE [OR REPLACE] VIEW name AS query.");
    }
    String query = m.group(1).strip();
    s.plan(v.query()); // validates the query now, not at first use
    s.catalog().putView(v.name(), query);
    return StatementResult.message("Created view " + v.name() + ".");
  }

  static StatementResult drop(Session s, Statement.Drop d) {
    boolean removed;
    if (d.view()) {
      removed = s.catalog().removeView(d.name());
    } else {
      removed = s.catalog().removeTable(d.name());
      s.tables().drop(d.name());
      if (s.cluster() != null) {
        s.cluster().drop(d.name());
      }
    }
    if (!removed && !d.ifExists()) {
      String kind = d.view() ? "View" : "Table";
      throw new QuiverException(kind + " '" + d.name() + "' does not exist.");
    }
    return StatementResult.message("Dropped " + (d.view() ? "view " : "table ") + d.name() + ".");
  }
}
