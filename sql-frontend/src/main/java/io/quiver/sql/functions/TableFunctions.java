package io.quiver.sql.functions;

import static io.quiver.sql.functions.TableFunctionParam.optional;
import static io.quiver.sql.functions.TableFunctionParam.required;
import static org.apache.calcite.sql.type.SqlTypeName.BIGINT;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.Schema;

/** The table functions of SPEC §3 and their parameters, in positional order. */
public final class TableFunctions {
  private final Map<String, QuiverTableFunction> byName = new TreeMap<>();
  /** Schemas resolved by this thread since the last {@link #clearResolved()}, for name hints. */
  private final ThreadLocal<List<Schema>> resolved = ThreadLocal.withInitial(ArrayList::new);

  public TableFunctions(TableSchemaResolver delegate) {
    TableSchemaResolver resolver = (name, args) -> {
      Schema s = delegate.schemaOf(name, args);
      resolved.get().add(s);
      return s;
    };
    add(resolver, "read_images", required("path", VARCHAR), optional("include_paths", BOOLEAN),
        optional("mode", VARCHAR), optional("size", VARCHAR), optional("shuffle", VARCHAR),
        optional("seed", BIGINT), optional("file_extensions", VARCHAR), optional("on_error", VARCHAR));
    add(resolver, "read_parquet", required("path", VARCHAR));
    add(resolver, "read_csv", required("path", VARCHAR), optional("header", BOOLEAN),
        optional("delimiter", VARCHAR), optional("columns", VARCHAR));
    add(resolver, "read_json", required("path", VARCHAR));
    add(resolver, "read_binary_files", required("path", VARCHAR), optional("include_paths", BOOLEAN));
    add(resolver, "range", required("start", BIGINT), optional("stop", BIGINT), optional("step", BIGINT));
  }

  private void add(TableSchemaResolver resolver, String name, TableFunctionParam... params) {
    byName.put(name, new QuiverTableFunction(name, List.of(params), resolver));
  }

  public void clearResolved() {
    resolved.get().clear();
  }

  /** The schemas of the table function calls resolved by this thread since {@link #clearResolved()}. */
  public List<Schema> resolvedSchemas() {
    return List.copyOf(resolved.get());
  }

  /** The function with this name (any case), or null. */
  public QuiverTableFunction get(String name) {
    return byName.get(name.toLowerCase(Locale.ROOT));
  }

  public List<QuiverTableFunction> all() {
    return List.copyOf(byName.values());
  }
}
