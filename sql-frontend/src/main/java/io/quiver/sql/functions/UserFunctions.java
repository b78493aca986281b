package io.quiver.sql.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** One session's registered UDFs by name (as the parser produced it: unquoted names in lower case). */
public final class UserFunctions {
  private final Map<String, UserFunctionDef> functions = new TreeMap<>();

  public synchronized void put(UserFunctionDef def) {
    functions.put(def.name(), def);
  }

  public synchronized UserFunctionDef get(String name) {
    return functions.get(name);
  }

  public synchronized boolean remove(String name) {
    return functions.remove(name) != null;
  }

  /** Every definition, sorted by name. */
  public synchronized List<UserFunctionDef> list() {
    return new ArrayList<>(functions.values());
  }

  /** The operators for the current definitions, for the validator. */
  public synchronized SqlOperatorTable operatorTable() {
    List<SqlOperator> ops = new ArrayList<>();
    for (UserFunctionDef d : functions.values()) {
      ops.add(d.aggregate() ? new UserAggregateFunction(d) : new UserScalarFunction(d));
    }
    return SqlOperatorTables.of(ops);
  }
}
