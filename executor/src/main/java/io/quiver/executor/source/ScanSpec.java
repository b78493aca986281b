package io.quiver.executor.source;

import io.quiver.executor.expr.Expr;
import io.quiver.executor.plan.Projections;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a scan needs from a source: which columns ({@code projection}, indexes into the full schema),
 * conjuncts the source may use to skip data ({@code filters}, over the full schema; advisory), and
 * an optional row limit hint ({@code -1}: none).
 *
 * <p>{@code dictionaryColumns} (indexes into the full schema, a subset of the projection) are VARCHAR
 * columns whose consumer also accepts them dictionary-encoded: a source may then deliver any batch's
 * column as an {@link io.quiver.executor.vector.DictionaryVector} instead of a {@code VarCharVector}
 * (the declared schema stays VARCHAR). Sources without dictionaries ignore it.
 */
public record ScanSpec(int[] projection, List<Expr> filters, long limit, Set<Integer> dictionaryColumns) {
  public ScanSpec {
    filters = List.copyOf(filters);
    dictionaryColumns = Set.copyOf(dictionaryColumns);
  }

  /** A spec whose columns all arrive plain. */
  public ScanSpec(int[] projection, List<Expr> filters, long limit) {
    this(projection, filters, limit, Set.of());
  }

  /** All columns, no filters, no limit. */
  public static ScanSpec all(Schema schema) {
    int[] p = new int[schema.getFields().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = i;
    }
    return new ScanSpec(p, List.of(), -1);
  }

  /** The schema of the batches a source returns for this spec. */
  public Schema projectedSchema(Schema full) {
    return Projections.project(full, projection);
  }
}
