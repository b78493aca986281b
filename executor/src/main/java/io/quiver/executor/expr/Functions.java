package io.quiver.executor.expr;

import java.util.Set;

/**
 * The scalar function names a {@link Call} may use: the contract between the planner, which emits
 * them, and the evaluator, which implements them. SQL semantics: any NULL argument gives NULL unless
 * the function says otherwise.
 */
public final class Functions {
  private Functions() {}

  // Arithmetic on numbers of the result type (arguments are already cast to it).
  public static final String ADD = "add";
  public static final String SUBTRACT = "subtract";
  public static final String MULTIPLY = "multiply";
  /** Integer division truncates (as in SQL); division by zero is an error naming the expression. */
  public static final String DIVIDE = "divide";
  public static final String MOD = "mod";
  public static final String NEGATE = "negate";

  // Comparisons: two arguments of the same type, Bool result.
  public static final String EQ = "eq";
  public static final String NE = "ne";
  public static final String LT = "lt";
  public static final String LE = "le";
  public static final String GT = "gt";
  public static final String GE = "ge";
  /** NULL-safe inequality: IS DISTINCT FROM. */
  public static final String IS_DISTINCT_FROM = "is_distinct_from";
  public static final String IS_NOT_DISTINCT_FROM = "is_not_distinct_from";

  // Three-valued logic.
  public static final String AND = "and";
  public static final String OR = "or";
  public static final String NOT = "not";
  public static final String IS_NULL = "is_null";
  public static final String IS_NOT_NULL = "is_not_null";
  public static final String IS_TRUE = "is_true";
  public static final String IS_FALSE = "is_false";
  public static final String IS_NOT_TRUE = "is_not_true";
  public static final String IS_NOT_FALSE = "is_not_false";

  /** {@code case(cond1, value1, cond2, value2, ..., else)}; always an odd number of arguments. */
  public static final String CASE = "case";
  /** Cast the single argument to {@link Call#type()}; a failed string parse is an error naming the value. */
  public static final String CAST = "cast";
  /** Like CAST but gives NULL when the value cannot be converted. */
  public static final String TRY_CAST = "try_cast";
  public static final String COALESCE = "coalesce";
  /** {@code in(x, c1, c2, ...)}: the constants are Literals of x's type. */
  public static final String IN = "in";

  // Strings (Utf8). Positions are 1-based, as in SQL.
  /**
   * {@code like(s, pattern)} or {@code like(s, pattern, escape)}; {@code ilike} ignores case. There is
   * no escape character unless one is given (SQL standard, DuckDB); '' also means none.
   */
  public static final String LIKE = "like";
  public static final String ILIKE = "ilike";
  public static final String LOWER = "lower";
  public static final String UPPER = "upper";
  /**
   * {@code substring(s, start)} or {@code substring(s, start, length)}, in characters, SQL-standard
   * (PostgreSQL) semantics: a start before 1 shortens the result; a negative length is an error.
   */
  public static final String SUBSTRING = "substring";
  /** Concatenation of any number of strings; NULL if any is NULL (SQL {@code ||}). */
  public static final String CONCAT = "concat";
  /** Concatenation that skips NULLs (the CONCAT function of MySQL/PostgreSQL/DuckDB). */
  public static final String CONCAT_WS_NULLS = "concat_skip_nulls";
  /** Length in characters (Utf8) or bytes (binary). */
  public static final String LENGTH = "length";
  /** {@code trim(s[, characters])} / {@code ltrim} / {@code rtrim}: removes the characters (default ' '). */
  public static final String TRIM = "trim";
  public static final String LTRIM = "ltrim";
  public static final String RTRIM = "rtrim";
  public static final String REPLACE = "replace";
  /** {@code split_part(s, delimiter, n)}: 1-based; negative n counts from the end (DuckDB). Out of range gives ''. */
  public static final String SPLIT_PART = "split_part";
  /** {@code regexp_extract(s, regex[, group])}: the first match (group 0 or given); '' if none (as DuckDB); NULL only for NULL input. */
  public static final String REGEXP_EXTRACT = "regexp_extract";
  /**
   * {@code regexp_replace(s, regex, replacement[, options])}: replaces the first match, or all with
   * option 'g' (DuckDB, PostgreSQL); 'i' ignores case. {@code \1} in the replacement is group 1.
   */
  public static final String REGEXP_REPLACE = "regexp_replace";
  /** {@code regexp_contains(s, regex)}: Bool. */
  public static final String REGEXP_CONTAINS = "regexp_contains";
  public static final String STARTS_WITH = "starts_with";
  public static final String ENDS_WITH = "ends_with";
  /** {@code position(needle, haystack)}: 1-based, 0 if absent. */
  public static final String POSITION = "position";
  public static final String REVERSE = "reverse";
  /** {@code lpad(s, length[, fill])} / {@code rpad}: pads with fill (default ' ') or truncates to length. */
  public static final String LPAD = "lpad";
  public static final String RPAD = "rpad";
  public static final String REPEAT = "repeat";
  public static final String LEFT = "left";
  public static final String RIGHT = "right";

  // Math (Float8 unless noted; abs/sign/floor/ceil/round keep the argument type).
  public static final String ABS = "abs";
  public static final String SIGN = "sign";
  public static final String FLOOR = "floor";
  public static final String CEIL = "ceil";
  /** {@code round(x)} or {@code round(x, digits)}; half away from zero. */
  public static final String ROUND = "round";
  public static final String TRUNCATE = "truncate";
  public static final String SQRT = "sqrt";
  public static final String CBRT = "cbrt";
  public static final String POWER = "power";
  public static final String EXP = "exp";
  public static final String LN = "ln";
  public static final String LOG10 = "log10";
  public static final String LOG2 = "log2";
  public static final String SIN = "sin";
  public static final String COS = "cos";
  public static final String TAN = "tan";
  public static final String ASIN = "asin";
  public static final String ACOS = "acos";
  public static final String ATAN = "atan";
  public static final String ATAN2 = "atan2";
  public static final String PI = "pi";
  /** {@code greatest(x, ...)} / {@code least}: NULL arguments are ignored; NULL only if all are NULL. */
  public static final String GREATEST = "greatest";
  public static final String LEAST = "least";
  /**
   * A uniform double in [0, 1), different per row. With a session seed the sequence is reproducible:
   * the evaluator seeds from (seed, partition, batch ordinal), so results do not depend on timing.
   */
  public static final String RANDOM = "random";

  // Dates and times.
  /**
   * {@code extract(unit, x)}: unit is a Utf8 literal (year, month, day, hour, minute, second, dow, doy,
   * quarter, week, epoch; also millisecond, microsecond, isodow, decade, century). dow: Sunday = 0;
   * week: ISO week. With a floating point result type, second and epoch keep their fraction.
   */
  public static final String EXTRACT = "extract";
  public static final String CURRENT_DATE = "current_date";
  public static final String CURRENT_TIMESTAMP = "current_timestamp";

  /** {@code hash(x, ...)}: a BIGINT hash of the values; never NULL (a NULL argument hashes to a constant). */
  public static final String HASH = "hash";

  /** Every name above; the planner refuses anything else with a clear error. */
  public static final Set<String> ALL = Set.of(ADD, SUBTRACT, MULTIPLY, DIVIDE, MOD, NEGATE, EQ, NE, LT, LE,
      GT, GE, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE,
      IS_NOT_TRUE, IS_NOT_FALSE, CASE, CAST, TRY_CAST, COALESCE, IN, LIKE, ILIKE, LOWER, UPPER, SUBSTRING,
      CONCAT, CONCAT_WS_NULLS, LENGTH, TRIM, LTRIM, RTRIM, REPLACE, SPLIT_PART, REGEXP_EXTRACT,
      REGEXP_REPLACE, REGEXP_CONTAINS, STARTS_WITH, ENDS_WITH, POSITION, REVERSE, LPAD, RPAD, REPEAT, LEFT,
      RIGHT, ABS, SIGN, FLOOR, CEIL, ROUND, TRUNCATE, SQRT, CBRT, POWER, EXP, LN, LOG10, LOG2, SIN, COS,
      TAN, ASIN, ACOS, ATAN, ATAN2, PI, GREATEST, LEAST, RANDOM, EXTRACT, CURRENT_DATE, CURRENT_TIMESTAMP,
      HASH);
}
