package io.quiver.planner.rex;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.sql.types.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Converts a RexNode over an input with {@code inputSchema} into an executor {@link Expr}. Column
 * types come from the input's Arrow schema (so tensors keep their shape); computed types from Calcite.
 */
public final class RexToExpr {
  /** SQL function names (lower case) whose executor name is the same or listed here. */
  private static final Map<String, String> RENAMED = Map.ofEntries(
      Map.entry("char_length", Functions.LENGTH), Map.entry("character_length", Functions.LENGTH),
      Map.entry("len", Functions.LENGTH), Map.entry("rand", Functions.RANDOM),
      Map.entry("ceiling", Functions.CEIL), Map.entry("pow", Functions.POWER),
      Map.entry("substr", Functions.SUBSTRING), Map.entry("||", Functions.CONCAT),
      Map.entry("log", Functions.LN));

  private final Schema inputSchema;
  private final RexBuilder rexBuilder;

  public RexToExpr(Schema inputSchema, RexBuilder rexBuilder) {
    this.inputSchema = inputSchema;
    this.rexBuilder = rexBuilder;
  }

  public List<Expr> convertAll(List<RexNode> nodes) {
    List<Expr> out = new ArrayList<>(nodes.size());
    for (RexNode n : nodes) {
      out.add(convert(n));
    }
    return out;
  }

  public Expr convert(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return new ColumnRef(ref.getIndex(), inputSchema.getFields().get(ref.getIndex()).getType());
    }
    if (node instanceof RexLiteral lit) {
      return new Literal(Literals.value(lit), TypeMapping.toArrow(lit.getType()));
    }
    if (node instanceof RexCall call) {
      return convertCall(call);
    }
    throw new QuiverException("Expression " + node + " is not supported yet.");
  }

  private Expr convertCall(RexCall call) {
    ArrowType type = TypeMapping.toArrow(call.getType());
    SqlKind kind = call.getKind();
    switch (kind) {
      case SEARCH:
        return convert(RexUtil.expandSearch(rexBuilder, null, call));
      case PLUS:
        return arithmetic(Functions.ADD, call, type);
      case MINUS:
        return arithmetic(Functions.SUBTRACT, call, type);
      case TIMES:
        return arithmetic(Functions.MULTIPLY, call, type);
      case DIVIDE:
        return arithmetic(Functions.DIVIDE, call, type);
      case MOD:
        return arithmetic(Functions.MOD, call, type);
      case MINUS_PREFIX:
        return arithmetic(Functions.NEGATE, call, type);
      case PLUS_PREFIX:
        return convert(call.getOperands().get(0));
      case EQUALS:
        return comparison(Functions.EQ, call);
      case NOT_EQUALS:
        return comparison(Functions.NE, call);
      case LESS_THAN:
        return comparison(Functions.LT, call);
      case LESS_THAN_OR_EQUAL:
        return comparison(Functions.LE, call);
      case GREATER_THAN:
        return comparison(Functions.GT, call);
      case GREATER_THAN_OR_EQUAL:
        return comparison(Functions.GE, call);
      case IS_DISTINCT_FROM:
        return comparison(Functions.IS_DISTINCT_FROM, call);
      case IS_NOT_DISTINCT_FROM:
        return comparison(Functions.IS_NOT_DISTINCT_FROM, call);
      case AND:
        return call(Functions.AND, call, type);
      case OR:
        return call(Functions.OR, call, type);
      case NOT:
        return call(Functions.NOT, call, type);
      case IS_NULL:
        return call(Functions.IS_NULL, call, type);
      case IS_NOT_NULL:
        return call(Functions.IS_NOT_NULL, call, type);
      case IS_TRUE:
        return call(Functions.IS_TRUE, call, type);
      case IS_FALSE:
        return call(Functions.IS_FALSE, call, type);
      case IS_NOT_TRUE:
        return call(Functions.IS_NOT_TRUE, call, type);
      case IS_NOT_FALSE:
        return call(Functions.IS_NOT_FALSE, call, type);
      case CAST:
        return CommonTypes.castTo(convert(call.getOperands().get(0)), type);
      case SAFE_CAST:
        return new Call(Functions.TRY_CAST, List.of(convert(call.getOperands().get(0))), type);
      case CASE:
        return caseWhen(call, type);
      case COALESCE:
      case GREATEST:
      case LEAST:
        return new Call(kind == SqlKind.COALESCE ? Functions.COALESCE : kind == SqlKind.GREATEST
            ? Functions.GREATEST : Functions.LEAST, CommonTypes.castAll(convertAll(call.getOperands()), type), type);
      case LIKE:
        return like(call, type);
      case TRIM:
        return trim(call, type);
      case EXTRACT:
        return new Call(Functions.EXTRACT, List.of(
            new Literal(Literals.value((RexLiteral) call.getOperands().get(0)), ArrowType.Utf8.INSTANCE),
            convert(call.getOperands().get(1))), type);
      case POSITION:
        return new Call(Functions.POSITION, convertAll(call.getOperands()), type);
      default:
        return byName(call, type);
    }
  }

  private Expr byName(RexCall call, ArrowType type) {
    if (call.getOperator() == SqlLibraryOperators.STRPOS) {
      List<Expr> a = convertAll(call.getOperands());
      return new Call(Functions.POSITION, List.of(a.get(1), a.get(0)), type);
    }
    if (call.getOperator() == SqlLibraryOperators.CONCAT_FUNCTION) {
      return new Call(Functions.CONCAT_WS_NULLS, castStrings(convertAll(call.getOperands())), type);
    }
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    String fn = RENAMED.getOrDefault(name, name);
    if (fn.equals(Functions.CONCAT)) {
      return new Call(fn, castStrings(convertAll(call.getOperands())), type);
    }
    if (fn.equals(Functions.RANDOM)) {
      if (!call.getOperands().isEmpty()) {
        throw new QuiverException("RANDOM()/RAND() take no seed argument in Quiver; use SET seed = n.");
      }
      return new Call(fn, List.of(), type);
    }
    if (fn.equals(Functions.LENGTH) && isCastFromBinary(call.getOperands().get(0))) {
      // Calcite types LENGTH for strings and casts a BLOB argument to VARCHAR; its length is its bytes.
      return new Call(fn, List.of(convert(((RexCall) call.getOperands().get(0)).getOperands().get(0))), type);
    }
    if (!Functions.ALL.contains(fn)) {
      throw new QuiverException("Function " + call.getOperator().getName() + " is not supported yet.");
    }
    return new Call(fn, convertAll(call.getOperands()), type);
  }

  private static boolean isCastFromBinary(RexNode node) {
    return node.getKind() == SqlKind.CAST && node instanceof RexCall c
        && SqlTypeFamily.BINARY.contains(c.getOperands().get(0).getType());
  }

  private List<Expr> castStrings(List<Expr> args) {
    return CommonTypes.castAll(args, ArrowType.Utf8.INSTANCE);
  }

  private Expr call(String fn, RexCall call, ArrowType type) {
    return new Call(fn, convertAll(call.getOperands()), type);
  }

  private Expr arithmetic(String fn, RexCall call, ArrowType type) {
    return new Call(fn, CommonTypes.castAll(convertAll(call.getOperands()), type), type);
  }

  private Expr comparison(String fn, RexCall call) {
    List<Expr> args = convertAll(call.getOperands());
    ArrowType common = CommonTypes.common(args);
    return new Call(fn, CommonTypes.castAll(args, common), ArrowType.Bool.INSTANCE);
  }

  private Expr caseWhen(RexCall call, ArrowType type) {
    List<Expr> args = convertAll(call.getOperands());
    List<Expr> out = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      boolean isValue = i % 2 == 1 || i == args.size() - 1;
      out.add(isValue ? CommonTypes.castTo(args.get(i), type) : args.get(i));
    }
    return new Call(Functions.CASE, out, type);
  }

  private Expr like(RexCall call, ArrowType type) {
    boolean ignoreCase = call.getOperator() == SqlLibraryOperators.ILIKE
        || call.getOperator() == SqlLibraryOperators.NOT_ILIKE;
    boolean negated = call.getOperator().getName().toUpperCase(Locale.ROOT).startsWith("NOT");
    Expr like = new Call(ignoreCase ? Functions.ILIKE : Functions.LIKE, castStrings(convertAll(call.getOperands())), type);
    return negated ? new Call(Functions.NOT, List.of(like), type) : like;
  }

  private Expr trim(RexCall call, ArrowType type) {
    String flag = String.valueOf(((RexLiteral) call.getOperands().get(0)).getValue()).toUpperCase(Locale.ROOT);
    Object chars = Literals.value((RexLiteral) call.getOperands().get(1));
    if (!" ".equals(chars)) {
      throw new QuiverException("TRIM of characters other than spaces is not supported yet.");
    }
    String fn = flag.equals("LEADING") ? Functions.LTRIM : flag.equals("TRAILING") ? Functions.RTRIM : Functions.TRIM;
    return new Call(fn, List.of(convert(call.getOperands().get(2))), type);
  }
}
