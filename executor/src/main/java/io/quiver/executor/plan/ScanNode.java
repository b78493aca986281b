package io.quiver.executor.plan;

import io.quiver.executor.expr.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a table function's source, e.g. {@code read_parquet}. {@code projection} lists the source
 * columns to produce (indexes into the source's full schema) and {@code filters} are conjuncts over the
 * <em>full</em> source schema that the reader may use to skip data; the planner keeps an exact filter
 * above, so a source may apply them partially. {@code limit} is a hint (-1: none): a source may stop
 * early once it has produced that many rows. {@code dictionaryColumns} (source column indexes) are
 * VARCHAR columns that may arrive dictionary-encoded, because the node above accepts that (see
 * {@link io.quiver.executor.source.ScanSpec}); the schema still declares them VARCHAR.
 */
public record ScanNode(String function, Map<String, Object> args, Schema sourceSchema, int[] projection,
    List<Expr> filters, long limit, Set<Integer> dictionaryColumns) implements PhysicalNode {
  public ScanNode {
    // Keeps the arguments' order (parameter order), so EXPLAIN prints them stably.
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    filters = List.copyOf(filters);
    dictionaryColumns = Set.copyOf(dictionaryColumns);
  }

  /** A scan whose columns all arrive plain. */
  public ScanNode(String function, Map<String, Object> args, Schema sourceSchema, int[] projection,
      List<Expr> filters, long limit) {
    this(function, args, sourceSchema, projection, filters, limit, Set.of());
  }

  /** The projected columns this scan produces. */
  @Override
  public Schema schema() {
    return Projections.project(sourceSchema, projection);
  }

  @Override
  public List<PhysicalNode> inputs() {
    return List.of();
  }
}
