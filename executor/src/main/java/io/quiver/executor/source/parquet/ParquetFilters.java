package io.quiver.executor.source.parquet;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Translates the scan's filter conjuncts into a Parquet-MR {@link FilterPredicate}, used to skip row
 * groups (statistics, dictionaries) and pages (column indexes). Only {@code column <op> literal} shapes
 * (eq, ne, lt, le, gt, ge, is_null, is_not_null, in, and/or of those) on flat columns whose stored
 * values compare like the engine's values are translated; anything else is dropped, which is safe
 * because the planner keeps the exact filter above the scan. A translated predicate may keep more rows
 * than SQL would (Parquet's {@code notEq} keeps nulls) but never fewer.
 */
final class ParquetFilters {
  /** IN lists up to this size become an OR of equalities (see {@code in}). */
  private static final int SMALL_IN = 32;

  private ParquetFilters() {}

  /**
   * The conjunction of every translatable conjunct, or null if none is.
   *
   * @param names the source's top-level column names, indexed like {@link ColumnRef#index()}
   * @param fileSchema the schema of the file the predicate will be applied to
   */
  static FilterPredicate translate(List<Expr> filters, List<String> names, MessageType fileSchema) {
    FilterPredicate all = null;
    for (Expr e : filters) {
      FilterPredicate p = new ParquetFilters.Translator(names, fileSchema).translate(e);
      if (p != null) {
        all = all == null ? p : FilterApi.and(all, p);
      }
    }
    return all;
  }

  /** Translation against one file's schema; every method returns null for an untranslatable shape. */
  private record Translator(List<String> names, MessageType schema) {
    FilterPredicate translate(Expr e) {
      if (!(e instanceof Call c)) {
        return null;
      }
      List<Expr> a = c.args();
      switch (c.function()) {
        case Functions.AND: {
          FilterPredicate l = translate(a.get(0));
          FilterPredicate r = translate(a.get(1));
          return l == null ? r : r == null ? l : FilterApi.and(l, r);
        }
        case Functions.OR: {
          FilterPredicate l = translate(a.get(0));
          FilterPredicate r = translate(a.get(1));
          return l == null || r == null ? null : FilterApi.or(l, r);
        }
        case Functions.IS_NULL:
        case Functions.IS_NOT_NULL:
          return nullTest(a.get(0), c.function().equals(Functions.IS_NULL));
        case Functions.IN:
          return in(a);
        case Functions.EQ:
        case Functions.NE:
        case Functions.LT:
        case Functions.LE:
        case Functions.GT:
        case Functions.GE:
          if (a.get(0) instanceof ColumnRef col && a.get(1) instanceof Literal lit) {
            return compare(c.function(), col, lit);
          }
          if (a.get(0) instanceof Literal lit && a.get(1) instanceof ColumnRef col) {
            return compare(flip(c.function()), col, lit);
          }
          return null;
        default:
          return null;
      }
    }

    private static String flip(String op) {
      switch (op) {
        case Functions.LT:
          return Functions.GT;
        case Functions.LE:
          return Functions.GE;
        case Functions.GT:
          return Functions.LT;
        case Functions.GE:
          return Functions.LE;
        default:
          return op;
      }
    }

    /** The flat primitive column a reference points to, or null if it cannot be filtered on. */
    private PrimitiveType column(Expr e) {
      if (!(e instanceof ColumnRef ref) || ref.index() < 0 || ref.index() >= names.size()) {
        return null;
      }
      String name = names.get(ref.index());
      // FilterApi parses dotted paths, so a dot in a top-level name would address the wrong column.
      if (name.contains(".") || !schema.containsField(name)) {
        return null;
      }
      Type t = schema.getType(name);
      if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      return t.asPrimitiveType();
    }

    private FilterPredicate nullTest(Expr arg, boolean isNull) {
      PrimitiveType p = column(arg);
      if (p == null || kind(p) == null) {
        return null;
      }
      String name = p.getName();
      switch (kind(p)) {
        case INT:
          return isNull ? FilterApi.eq(FilterApi.intColumn(name), null) : FilterApi.notEq(FilterApi.intColumn(name), null);
        case LONG:
          return isNull ? FilterApi.eq(FilterApi.longColumn(name), null) : FilterApi.notEq(FilterApi.longColumn(name), null);
        case FLOAT:
          return isNull ? FilterApi.eq(FilterApi.floatColumn(name), null) : FilterApi.notEq(FilterApi.floatColumn(name), null);
        case DOUBLE:
          return isNull ? FilterApi.eq(FilterApi.doubleColumn(name), null) : FilterApi.notEq(FilterApi.doubleColumn(name), null);
        case BOOLEAN:
          return isNull ? FilterApi.eq(FilterApi.booleanColumn(name), null) : FilterApi.notEq(FilterApi.booleanColumn(name), null);
        default:
          return isNull ? FilterApi.eq(FilterApi.binaryColumn(name), null) : FilterApi.notEq(FilterApi.binaryColumn(name), null);
      }
    }

    private FilterPredicate compare(String op, ColumnRef ref, Literal lit) {
      return compare(op, ref, lit, false);
    }

    /** {@code stored}: the literal's value is already the column's stored Java type. */
    private FilterPredicate compare(String op, ColumnRef ref, Literal lit, boolean stored) {
      PrimitiveType p = column(ref);
      if (p == null || kind(p) == null || lit.value() == null) {
        return null; // col <op> NULL is never true; leave it to the exact filter
      }
      Comparable<?> v = stored ? (Comparable<?>) lit.value() : value(kind(p), p, lit.value());
      if (v == null || !floatSafe(kind(p), op, v)) {
        return null;
      }
      String name = p.getName();
      switch (kind(p)) {
        case INT:
          return ordered(op, FilterApi.intColumn(name), (Integer) v);
        case LONG:
          return ordered(op, FilterApi.longColumn(name), (Long) v);
        case FLOAT:
          return ordered(op, FilterApi.floatColumn(name), (Float) v);
        case DOUBLE:
          return ordered(op, FilterApi.doubleColumn(name), (Double) v);
        case BINARY:
          return ordered(op, FilterApi.binaryColumn(name), (Binary) v);
        default:
          Operators.BooleanColumn col = FilterApi.booleanColumn(name);
          if (op.equals(Functions.EQ)) {
            return FilterApi.eq(col, (Boolean) v);
          }
          return op.equals(Functions.NE) ? FilterApi.notEq(col, (Boolean) v) : null;
      }
    }

    private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
        FilterPredicate ordered(String op, C col, T v) {
      switch (op) {
        case Functions.EQ:
          return FilterApi.eq(col, v);
        case Functions.NE:
          return FilterApi.notEq(col, v);
        case Functions.LT:
          return FilterApi.lt(col, v);
        case Functions.LE:
          return FilterApi.ltEq(col, v);
        case Functions.GT:
          return FilterApi.gt(col, v);
        default:
          return FilterApi.gtEq(col, v);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private FilterPredicate in(List<Expr> a) {
      PrimitiveType p = column(a.get(0));
      Kind kind = p == null ? null : kind(p);
      if (kind == null || kind == Kind.BOOLEAN) {
        return null;
      }
      Set values = new HashSet<>();
      for (Expr e : a.subList(1, a.size())) {
        if (!(e instanceof Literal lit)) {
          return null;
        }
        if (lit.value() == null) {
          continue; // x IN (.., NULL) is never true because of the NULL
        }
        Comparable<?> v = value(kind, p, lit.value());
        if (v == null) {
          return null;
        }
        values.add(v);
      }
      if (values.isEmpty()) {
        return null;
      }
      if (values.size() <= SMALL_IN) {
        // Parquet-MR drops a row group for IN only when the whole value range misses it; an OR of
        // equalities drops it when every single value misses, which skips far more for sparse lists.
        FilterPredicate any = null;
        for (Object v : values) {
          FilterPredicate eq = compare(Functions.EQ, (ColumnRef) a.get(0), new Literal(v, a.get(0).type()), true);
          if (eq == null) {
            return null;
          }
          any = any == null ? eq : FilterApi.or(any, eq);
        }
        return any;
      }
      String name = p.getName();
      switch (kind) {
        case FLOAT:
        case DOUBLE:
          return null; // see floatSafe: a long list is not worth checking value by value
        case INT:
          return FilterApi.in(FilterApi.intColumn(name), values);
        case LONG:
          return FilterApi.in(FilterApi.longColumn(name), values);
        default:
          return FilterApi.in(FilterApi.binaryColumn(name), values);
      }
    }
  }

  private enum Kind { INT, LONG, FLOAT, DOUBLE, BOOLEAN, BINARY }

  /**
   * Floating-point statistics leave NaN out of min/max, and writers disagree on -0.0 versus 0.0. SQL
   * engines commonly order NaN above every number, so only comparisons NaN can never satisfy (=, <, <=)
   * against a non-zero value are safe to prune with.
   */
  private static boolean floatSafe(Kind kind, String op, Object v) {
    if (kind != Kind.FLOAT && kind != Kind.DOUBLE) {
      return true;
    }
    double d = ((Number) v).doubleValue();
    return d != 0.0 && (op.equals(Functions.EQ) || op.equals(Functions.LT) || op.equals(Functions.LE));
  }

  /**
   * How a column's stored values compare, or null when they do not compare like the engine's values
   * (decimals, unsigned 64/32-bit, INT96, non-micro timestamps, float16, fixed binaries).
   */
  private static Kind kind(PrimitiveType p) {
    LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return Kind.BOOLEAN;
      case INT32:
        if (l == null || l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
            || (l instanceof IntLogicalTypeAnnotation i && (i.isSigned() || i.getBitWidth() < 32))) {
          return Kind.INT;
        }
        return null;
      case INT64:
        if (l == null || (l instanceof IntLogicalTypeAnnotation i && i.isSigned())
            || (l instanceof TimestampLogicalTypeAnnotation t && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS)) {
          return Kind.LONG;
        }
        return null;
      case FLOAT:
        return l == null ? Kind.FLOAT : null;
      case DOUBLE:
        return l == null ? Kind.DOUBLE : null;
      case BINARY:
        return l == null || ParquetSchemas.isText(l) ? Kind.BINARY : null;
      default:
        return null;
    }
  }

  /** The literal as the column's stored Java type, or null if it has no exact stored equivalent. */
  private static Comparable<?> value(Kind kind, PrimitiveType p, Object v) {
    switch (kind) {
      case INT:
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
          long l = n.longValue();
          boolean unsigned = p.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation i && !i.isSigned();
          // Unsigned statistics compare as unsigned: a negative literal would sort above every value.
          return l == (int) l && !(unsigned && l < 0) ? Integer.valueOf((int) l) : null;
        }
        return null;
      case LONG:
        return v instanceof Long || v instanceof Integer ? Long.valueOf(((Number) v).longValue()) : null;
      case FLOAT:
        if (v instanceof Number n) {
          double d = n.doubleValue();
          return !Double.isNaN(d) && (double) (float) d == d ? Float.valueOf((float) d) : null;
        }
        return null;
      case DOUBLE:
        return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? Double.valueOf(n.doubleValue()) : null;
      case BOOLEAN:
        return v instanceof Boolean b ? b : null;
      default:
        if (v instanceof String s) {
          return Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
        }
        return v instanceof byte[] b ? Binary.fromConstantByteArray(b) : null;
    }
  }
}
