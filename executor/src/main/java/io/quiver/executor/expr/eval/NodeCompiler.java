package io.quiver.executor.expr.eval;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Builds the {@link Node} tree of an expression: checks arities, picks the kernel for each function
 * name of {@link Functions}, and folds calls whose arguments are all constants (so that e.g.
 * {@code x > CAST('2020-01-01' AS DATE)} compares against a constant). A fold that fails (say
 * {@code 1 / 0} in a CASE branch) is left to fail at run time, and only if the row reaches it.
 */
public final class NodeCompiler {
  /** Allowed argument counts {min, max} per function name. */
  static final Map<String, int[]> ARITY = new HashMap<>();

  static {
    for (String f : List.of(Functions.ADD, Functions.SUBTRACT, Functions.MULTIPLY, Functions.DIVIDE,
        Functions.MOD, Functions.EQ, Functions.NE, Functions.LT, Functions.LE, Functions.GT, Functions.GE,
        Functions.IS_DISTINCT_FROM, Functions.IS_NOT_DISTINCT_FROM, Functions.REGEXP_CONTAINS,
        Functions.STARTS_WITH, Functions.ENDS_WITH, Functions.POSITION, Functions.REPEAT, Functions.LEFT,
        Functions.RIGHT, Functions.POWER, Functions.ATAN2, Functions.EXTRACT)) {
      ARITY.put(f, new int[] {2, 2});
    }
    for (String f : List.of(Functions.NEGATE, Functions.NOT, Functions.IS_NULL, Functions.IS_NOT_NULL,
        Functions.IS_TRUE, Functions.IS_FALSE, Functions.IS_NOT_TRUE, Functions.IS_NOT_FALSE, Functions.CAST,
        Functions.TRY_CAST, Functions.LOWER, Functions.UPPER, Functions.LENGTH, Functions.REVERSE,
        Functions.ABS, Functions.SIGN, Functions.FLOOR, Functions.CEIL, Functions.SQRT, Functions.CBRT,
        Functions.EXP, Functions.LN, Functions.LOG10, Functions.LOG2, Functions.SIN, Functions.COS,
        Functions.TAN, Functions.ASIN, Functions.ACOS, Functions.ATAN)) {
      ARITY.put(f, new int[] {1, 1});
    }
    for (String f : List.of(Functions.PI, Functions.RANDOM, Functions.CURRENT_DATE, Functions.CURRENT_TIMESTAMP)) {
      ARITY.put(f, new int[] {0, 0});
    }
    for (String f : List.of(Functions.AND, Functions.OR, Functions.CASE, Functions.COALESCE, Functions.CONCAT,
        Functions.CONCAT_WS_NULLS, Functions.GREATEST, Functions.LEAST, Functions.HASH)) {
      ARITY.put(f, new int[] {1, Integer.MAX_VALUE});
    }
    ARITY.put(Functions.IN, new int[] {2, Integer.MAX_VALUE});
    ARITY.put(Functions.LIKE, new int[] {2, 3});
    ARITY.put(Functions.ILIKE, new int[] {2, 3});
    ARITY.put(Functions.SUBSTRING, new int[] {2, 3});
    ARITY.put(Functions.TRIM, new int[] {1, 2});
    ARITY.put(Functions.LTRIM, new int[] {1, 2});
    ARITY.put(Functions.RTRIM, new int[] {1, 2});
    ARITY.put(Functions.REPLACE, new int[] {3, 3});
    ARITY.put(Functions.SPLIT_PART, new int[] {3, 3});
    ARITY.put(Functions.REGEXP_EXTRACT, new int[] {2, 3});
    ARITY.put(Functions.REGEXP_REPLACE, new int[] {3, 4});
    ARITY.put(Functions.LPAD, new int[] {2, 3});
    ARITY.put(Functions.RPAD, new int[] {2, 3});
    ARITY.put(Functions.ROUND, new int[] {1, 2});
    ARITY.put(Functions.TRUNCATE, new int[] {1, 2});
  }

  private final ExecContext ctx;
  private final long partition;
  private int randoms;

  private NodeCompiler(ExecContext ctx, long partition) {
    this.ctx = ctx;
    this.partition = partition;
  }

  /** The node tree for {@code expr}; RANDOM() under a session seed is seeded by {@code partition}. */
  public static Node compile(Expr expr, ExecContext ctx, long partition) {
    return new NodeCompiler(ctx, partition).build(expr);
  }

  static QuiverException unsupported(Expr expr, String what) {
    return new QuiverException("Unsupported: " + what + " in expression " + expr + ".");
  }

  static QuiverException invalid(Expr expr, String what) {
    return new QuiverException(what + " in expression " + expr + ".");
  }

  private Node build(Expr e) {
    if (e instanceof ColumnRef c) {
      return new ColumnNode(c);
    }
    if (e instanceof Literal l) {
      return literal(l);
    }
    Call call = (Call) e;
    String f = call.function();
    int[] arity = ARITY.get(f);
    if (arity == null) {
      throw new QuiverException("Unknown function '" + f + "' in expression " + call + ".");
    }
    int argc = call.args().size();
    if (argc < arity[0] || argc > arity[1]) {
      throw invalid(call, "Function " + f + " takes " + (arity[0] == arity[1] ? arity[0] + ""
          : arity[1] == Integer.MAX_VALUE ? "at least " + arity[0] : arity[0] + " to " + arity[1])
          + " arguments, not " + argc);
    }
    Node[] args = new Node[argc];
    for (int i = 0; i < argc; i++) {
      args[i] = build(call.args().get(i));
    }
    Node node = dispatch(call, f, args);
    return f.equals(Functions.RANDOM) ? node : fold(node, args);
  }

  private static Node literal(Literal l) {
    if (l.type() instanceof ArrowType.Decimal) {
      // DECIMAL is evaluated as DOUBLE (see Expr).
      Object v = l.value() == null ? null : ((Number) l.value()).doubleValue();
      return new LiteralNode(l, v, Vectors.DOUBLE);
    }
    return new LiteralNode(l);
  }

  /** Evaluates a call of constants once, at compile time. */
  private Node fold(Node node, Node[] args) {
    if (node instanceof LiteralNode || node instanceof ColumnNode) {
      return node;
    }
    for (Node a : args) {
      if (!(a instanceof LiteralNode)) {
        return node;
      }
    }
    try (Input one = Input.empty(1, ctx.allocator()); FieldVector v = node.eval(one)) {
      return new LiteralNode(node.expr, Vectors.get(v, 0), node.type());
    } catch (RuntimeException e) {
      return node;
    }
  }

  private Node dispatch(Call call, String f, Node[] a) {
    switch (f) {
      case Functions.ADD:
      case Functions.SUBTRACT:
      case Functions.MULTIPLY:
      case Functions.DIVIDE:
      case Functions.MOD:
        return ArithmeticKernels.binary(call, f, call.type(), a[0], a[1]);
      case Functions.NEGATE:
        return ArithmeticKernels.negate(call, call.type(), a[0]);
      case Functions.EQ:
      case Functions.NE:
      case Functions.LT:
      case Functions.LE:
      case Functions.GT:
      case Functions.GE:
      case Functions.IS_DISTINCT_FROM:
      case Functions.IS_NOT_DISTINCT_FROM:
        return ComparisonKernels.compile(call, f, a[0], a[1]);
      case Functions.AND:
      case Functions.OR:
        return a.length == 1 ? a[0] : LogicKernels.andOr(call, f.equals(Functions.AND), a);
      case Functions.NOT:
      case Functions.IS_NULL:
      case Functions.IS_NOT_NULL:
      case Functions.IS_TRUE:
      case Functions.IS_FALSE:
      case Functions.IS_NOT_TRUE:
      case Functions.IS_NOT_FALSE:
        return LogicKernels.unary(call, f, a[0]);
      case Functions.CASE:
        return ConditionalKernels.caseWhen(call, call.type(), a);
      case Functions.COALESCE:
        return ConditionalKernels.coalesce(call, call.type(), a);
      case Functions.CAST:
      case Functions.TRY_CAST:
        return CastKernels.compile(call, a[0], f.equals(Functions.TRY_CAST));
      case Functions.IN:
        return in(call, a);
      case Functions.PI:
        return new LiteralNode(call, Math.PI, call.type());
      case Functions.RANDOM:
        return new RandomNode(call, ctx.seed(), partition, randoms++);
      case Functions.EXTRACT:
        return DateKernels.extract(call, a);
      case Functions.CURRENT_DATE:
      case Functions.CURRENT_TIMESTAMP:
        return now(call, f);
      case Functions.HASH:
        return HashKernels.compile(call, a);
      default:
    }
    Node n = StringKernels.compile(call, f, a);
    if (n == null) {
      n = PatternKernels.compile(call, f, a);
    }
    if (n == null) {
      n = MathKernels.compile(call, f, a);
    }
    return n;
  }

  /** IN against constants uses a set; otherwise it is the OR of equalities, with the same NULL logic. */
  private Node in(Call call, Node[] a) {
    Node[] list = java.util.Arrays.copyOfRange(a, 1, a.length);
    Node set = InKernels.compile(call, a[0], list);
    if (set != null) {
      return set;
    }
    List<Node> eqs = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      Call eq = new Call(Functions.EQ, List.of(call.args().get(0), call.args().get(i)), Vectors.BOOL);
      eqs.add(ComparisonKernels.compile(eq, Functions.EQ, a[0], a[i]));
    }
    return eqs.size() == 1 ? eqs.get(0) : LogicKernels.andOr(call, false, eqs.toArray(new Node[0]));
  }

  /** CURRENT_DATE / CURRENT_TIMESTAMP: fixed when the query is compiled, in the session time zone. */
  private Node now(Call call, String f) {
    ZoneId zone = ZoneId.of(ctx.setting("timezone", ZoneId.systemDefault().getId()));
    LocalDateTime now = LocalDateTime.now(zone);
    if (f.equals(Functions.CURRENT_DATE)) {
      return new LiteralNode(call, (int) now.toLocalDate().toEpochDay(), call.type());
    }
    long micros = now.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + now.getNano() / 1000;
    return new LiteralNode(call, micros, call.type());
  }
}
