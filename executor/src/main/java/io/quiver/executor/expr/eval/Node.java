package io.quiver.executor.expr.eval;

import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Literal;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One compiled expression node. {@link #eval} computes the node for every row of the input and
 * returns a new vector owned by the caller.
 */
public abstract class Node {
  final Expr expr;
  final ArrowType type;
  final Node[] children;
  private final boolean canFail;
  private boolean[] columnsUsed;

  /**
   * @param mayFailItself whether this node's own kernel can throw for some row values (division by
   *     zero, a failed cast); decides whether lazy evaluation must restrict it to the rows that reach it
   */
  Node(Expr expr, ArrowType type, Node[] children, boolean mayFailItself) {
    this.expr = expr;
    this.type = type;
    this.children = children;
    boolean f = mayFailItself;
    for (Node c : children) {
      f |= c.canFail;
    }
    this.canFail = f;
  }

  /** The node's value for every row of {@code in}; the caller closes the result. */
  public abstract FieldVector eval(Input in);

  public ArrowType type() {
    return type;
  }

  /** Whether evaluating this node on a row can throw (e.g. division by zero somewhere below). */
  boolean canFail() {
    return canFail;
  }

  /** Whether evaluation costs nothing worth avoiding (a column slice or a constant). */
  boolean isLeaf() {
    return children.length == 0;
  }

  /** Input columns read anywhere in this subtree, indexed by column number. */
  boolean[] columnsUsed() {
    if (columnsUsed == null) {
      int max = maxColumn(expr);
      boolean[] used = new boolean[max + 1];
      mark(expr, used);
      columnsUsed = used;
    }
    return columnsUsed;
  }

  private static int maxColumn(Expr e) {
    if (e instanceof ColumnRef c) {
      return c.index();
    }
    int m = -1;
    if (e instanceof Call call) {
      for (Expr a : call.args()) {
        m = Math.max(m, maxColumn(a));
      }
    }
    return m;
  }

  private static void mark(Expr e, boolean[] used) {
    if (e instanceof ColumnRef c) {
      used[c.index()] = true;
    } else if (e instanceof Call call) {
      for (Expr a : call.args()) {
        mark(a, used);
      }
    }
  }

  /** A user-facing error about this expression, rendered with the input's column names. */
  QuiverException error(Input in, String what) {
    return new QuiverException(what + " in expression " + render(expr, in.names()) + ".");
  }

  /** Renders an expression with column names instead of {@code $i}. */
  static String render(Expr e, List<String> names) {
    if (e instanceof ColumnRef c) {
      return c.index() < names.size() ? names.get(c.index()) : c.toString();
    }
    if (e instanceof Literal l) {
      return l.toString();
    }
    Call call = (Call) e;
    return call.function() + call.args().stream().map(a -> render(a, names))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** Evaluates every child, closing those already made if a later one fails. */
  static FieldVector[] evalAll(Node[] nodes, Input in) {
    FieldVector[] out = new FieldVector[nodes.length];
    try {
      for (int i = 0; i < nodes.length; i++) {
        out[i] = nodes[i].eval(in);
      }
    } catch (RuntimeException e) {
      closeAll(out);
      throw e;
    }
    return out;
  }

  static void closeAll(FieldVector... vectors) {
    for (FieldVector v : vectors) {
      if (v != null) {
        v.close();
      }
    }
  }
}
