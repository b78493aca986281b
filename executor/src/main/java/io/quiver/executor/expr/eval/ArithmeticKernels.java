package io.quiver.executor.expr.eval;

import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code add, subtract, multiply, divide, mod, negate} on numbers of the result type. Integers compute
 * in {@code long} lanes (narrower results wrap as Java does), floating point in {@code double} lanes.
 * Division and modulo by zero are errors, for floating point too (as in PostgreSQL).
 */
final class ArithmeticKernels {
  private ArithmeticKernels() {}

  private enum Op { ADD, SUB, MUL, DIV, MOD }

  static Node binary(Expr expr, String function, ArrowType type, Node left, Node right) {
    Op op;
    switch (function) {
      case Functions.ADD:
        op = Op.ADD;
        break;
      case Functions.SUBTRACT:
        op = Op.SUB;
        break;
      case Functions.MULTIPLY:
        op = Op.MUL;
        break;
      case Functions.DIVIDE:
        op = Op.DIV;
        break;
      default:
        op = Op.MOD;
    }
    if (Lanes.kind(type) == Lanes.Kind.DOUBLE) {
      return new DoubleBinary(expr, type, op, left, right);
    }
    if (Lanes.kind(type) == Lanes.Kind.LONG) {
      return new LongBinary(expr, type, op, left, right);
    }
    throw NodeCompiler.unsupported(expr, "arithmetic on " + Vectors.sqlName(type));
  }

  static Node negate(Expr expr, ArrowType type, Node arg) {
    return new Negate(expr, type, arg);
  }

  /** Integer arithmetic. */
  private static final class LongBinary extends Node {
    private final Op op;
    private long[] a;
    private long[] b;

    LongBinary(Expr expr, ArrowType type, Op op, Node left, Node right) {
      super(expr, type, new Node[] {left, right}, op == Op.DIV || op == Op.MOD);
      this.op = op;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (Operands args = new Operands(children, in)) {
        FieldVector out = Vectors.allocate(type, n, in.allocator());
        try {
          args.andValidity(out, n);
          long[] x = a = args.longs(0, n, a);
          long[] y = b = args.longs(1, n, b);
          if (op == Op.DIV || op == Op.MOD) {
            guardZeros(y, n, out, in);
          }
          compute(x, y, n);
          Lanes.writeLongs(x, n, out);
          return Vectors.done(out, n);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      }
    }

    /** Zero divisors on valid rows are errors; on null rows they become 1 so the loop cannot trap. */
    private void guardZeros(long[] y, int n, FieldVector out, Input in) {
      org.apache.arrow.memory.ArrowBuf valid = out.getValidityBuffer();
      for (int i = 0; i < n; i++) {
        if (y[i] == 0) {
          if (Bits.get(valid, i)) {
            throw error(in, "Division by zero");
          }
          y[i] = 1;
        }
      }
    }

    private void compute(long[] x, long[] y, int n) {
      switch (op) {
        case ADD:
          for (int i = 0; i < n; i++) {
            x[i] += y[i];
          }
          break;
        case SUB:
          for (int i = 0; i < n; i++) {
            x[i] -= y[i];
          }
          break;
        case MUL:
          for (int i = 0; i < n; i++) {
            x[i] *= y[i];
          }
          break;
        case DIV:
          for (int i = 0; i < n; i++) {
            x[i] /= y[i];
          }
          break;
        default:
          for (int i = 0; i < n; i++) {
            x[i] %= y[i];
          }
      }
    }
  }

  /** Floating point arithmetic. */
  private static final class DoubleBinary extends Node {
    private final Op op;
    private double[] a;
    private double[] b;

    DoubleBinary(Expr expr, ArrowType type, Op op, Node left, Node right) {
      super(expr, type, new Node[] {left, right}, op == Op.DIV || op == Op.MOD);
      this.op = op;
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (Operands args = new Operands(children, in)) {
        FieldVector out = Vectors.allocate(type, n, in.allocator());
        try {
          args.andValidity(out, n);
          double[] x = a = args.doubles(0, n, a);
          double[] y = b = args.doubles(1, n, b);
          if (op == Op.DIV || op == Op.MOD) {
            org.apache.arrow.memory.ArrowBuf valid = out.getValidityBuffer();
            for (int i = 0; i < n; i++) {
              if (y[i] == 0 && Bits.get(valid, i)) {
                throw error(in, "Division by zero");
              }
            }
          }
          compute(x, y, n);
          Lanes.writeDoubles(x, n, out);
          return Vectors.done(out, n);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      }
    }

    private void compute(double[] x, double[] y, int n) {
      switch (op) {
        case ADD:
          for (int i = 0; i < n; i++) {
            x[i] += y[i];
          }
          break;
        case SUB:
          for (int i = 0; i < n; i++) {
            x[i] -= y[i];
          }
          break;
        case MUL:
          for (int i = 0; i < n; i++) {
            x[i] *= y[i];
          }
          break;
        case DIV:
          for (int i = 0; i < n; i++) {
            x[i] /= y[i];
          }
          break;
        default:
          for (int i = 0; i < n; i++) {
            x[i] %= y[i];
          }
      }
    }
  }

  /** Unary minus. */
  private static final class Negate extends Node {
    private long[] longs;
    private double[] doubles;

    Negate(Expr expr, ArrowType type, Node arg) {
      super(expr, type, new Node[] {arg}, false);
    }

    @Override
    public FieldVector eval(Input in) {
      int n = in.rowCount();
      try (FieldVector arg = children[0].eval(in)) {
        FieldVector out = Vectors.allocate(type, n, in.allocator());
        Bits.andValidity(out, n, arg);
        if (Lanes.kind(type) == Lanes.Kind.DOUBLE) {
          double[] x = doubles = Lanes.doubles(arg, n, doubles);
          for (int i = 0; i < n; i++) {
            x[i] = -x[i];
          }
          Lanes.writeDoubles(x, n, out);
        } else {
          long[] x = longs = Lanes.longs(arg, n, longs);
          for (int i = 0; i < n; i++) {
            x[i] = -x[i];
          }
          Lanes.writeLongs(x, n, out);
        }
        return Vectors.done(out, n);
      }
    }
  }
}
