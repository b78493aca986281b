package io.quiver.sql.catalog;

import io.quiver.sql.functions.UserFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * One session's named tables, views and UDFs. Names are stored as the parser produced them (unquoted names
 * in lower case). Views keep their query text and are expanded at each use.
 */
public final class Catalog {
  private final Map<String, MaterializedTable> tables = new TreeMap<>();
  private final Map<String, String> views = new TreeMap<>();
  private final UserFunctions functions = new UserFunctions();

  /** The session's registered UDFs. */
  public UserFunctions functions() {
    return functions;
  }

  public synchronized void putTable(String name, Schema schema) {
    tables.put(name, new MaterializedTable(name, schema));
  }

  public synchronized void putView(String name, String queryText) {
    views.put(name, queryText);
  }

  public synchronized MaterializedTable table(String name) {
    return tables.get(name);
  }

  /** The view's query text, or null. */
  public synchronized String view(String name) {
    return views.get(name);
  }

  public synchronized boolean removeTable(String name) {
    return tables.remove(name) != null;
  }

  public synchronized boolean removeView(String name) {
    return views.remove(name) != null;
  }

  public synchronized boolean exists(String name) {
    return tables.containsKey(name) || views.containsKey(name);
  }

  /** Names of tables and views with their kind ("table" or "view"), sorted. */
  public synchronized List<String[]> list() {
    List<String[]> out = new ArrayList<>();
    tables.keySet().forEach(t -> out.add(new String[] {t, "table"}));
    views.keySet().forEach(v -> out.add(new String[] {v, "view"}));
    out.sort((a, b) -> a[0].compareTo(b[0]));
    return out;
  }

  /** Every table and view name, for suggestions. */
  public synchronized List<String> names() {
    List<String> out = new ArrayList<>(tables.keySet());
    out.addAll(views.keySet());
    return out;
  }

  /** A Calcite root schema holding the materialized tables. */
  public synchronized SchemaPlus calciteSchema() {
    SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
    tables.forEach(root::add);
    return root;
  }
}
