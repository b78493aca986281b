package io.quiver.shell;

import io.quiver.server.OperatorProgress;
import io.quiver.server.Session;
import io.quiver.server.StatementResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The shell on the embedded engine: everything goes through the server façade's {@link Session}. */
final class EmbeddedBackend implements ShellBackend, CompletionData {
  private final Session session;
  private final SchemaCache schemas = new SchemaCache();

  EmbeddedBackend(Session session) {
    this.session = session;
  }

  @Override
  public StatementResult execute(String sql) {
    return session.execute(sql);
  }

  @Override
  public void cancel() {
    session.cancelRunning();
  }

  @Override
  public List<String> notices() {
    return session.drainNotices();
  }

  @Override
  public List<OperatorProgress> progress() {
    return session.progress();
  }

  @Override
  public CompletionData completions() {
    return this;
  }

  @Override
  public List<String> tables() {
    List<String> names = new ArrayList<>();
    try {
      session.listTables().forEach(t -> names.add(t[0]));
    } catch (RuntimeException e) {
      // completion never fails the shell
    }
    return names;
  }

  @Override
  public List<String> columns(String fromItem) {
    return schemas.columns(fromItem, () -> {
      // A name is asked directly; a table function call through the schema of SELECT * over it, which
      // reads only the footer or first file (the session caches nothing across statements).
      Schema s = fromItem.contains("(") ? session.resultSchema("SELECT * FROM " + fromItem)
          : session.tableSchema(fromItem);
      return s == null ? List.of() : s.getFields().stream().map(Field::getName).toList();
    });
  }

  @Override
  public List<String> functions() {
    try {
      return session.functionNames();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  @Override
  public List<String> tableFunctions() {
    try {
      return session.tableFunctionNames();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
