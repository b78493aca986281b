package io.quiver.executor.expr.eval;

import io.quiver.executor.ExecContext;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.CompiledExpr;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.ExprCompiler;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.runtime.TableStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Builds columns and expressions for kernel tests and evaluates them. Each test gets a fresh
 * RootAllocator, closed afterwards (which fails the test on a leak).
 */
abstract class ExprTestSupport {
  static final ArrowType TINYINT = new ArrowType.Int(8, true);
  static final ArrowType SMALLINT = new ArrowType.Int(16, true);
  static final ArrowType INT = new ArrowType.Int(32, true);
  static final ArrowType BIGINT = new ArrowType.Int(64, true);
  static final ArrowType FLOAT = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
  static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
  static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
  static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);

  RootAllocator allocator;
  TableStore tables;
  ExecutorService pool;
  ExecContext ctx;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
    tables = new TableStore(allocator);
    pool = Executors.newCachedThreadPool();
    ctx = context(Map.of());
  }

  ExecContext context(Map<String, String> settings) {
    return new ExecContext(allocator, settings, pool, tables);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    tables.close();
    allocator.close();
  }

  // Expressions.

  static ColumnRef col(int index, ArrowType type) {
    return new ColumnRef(index, type);
  }

  static Literal lit(Object value, ArrowType type) {
    return new Literal(value, type);
  }

  static Literal lit(long value) {
    return new Literal(value, BIGINT);
  }

  static Literal lit(String value) {
    return new Literal(value, UTF8);
  }

  static Literal lit(double value) {
    return new Literal(value, DOUBLE);
  }

  static Call call(String f, ArrowType type, Expr... args) {
    return new Call(f, List.of(args), type);
  }

  // Columns.

  /** A column of {@code type} holding {@code values} (Literal value convention; null for NULL). */
  FieldVector column(String name, ArrowType type, Object... values) {
    int n = values.length;
    FieldVector v = Vectors.allocate(type, n, allocator, 64);
    switch (Lanes.kind(type)) {
      case LONG: {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
          if (values[i] != null) {
            x[i] = Vectors.toLong(values[i]);
            Bits.set(v.getValidityBuffer(), i);
          }
        }
        Lanes.writeLongs(x, n, v);
        break;
      }
      case DOUBLE: {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          if (values[i] != null) {
            x[i] = ((Number) values[i]).doubleValue();
            Bits.set(v.getValidityBuffer(), i);
          }
        }
        Lanes.writeDoubles(x, n, v);
        break;
      }
      default:
        for (int i = 0; i < n; i++) {
          if (values[i] != null) {
            ((BaseVariableWidthVector) v).setSafe(i, Vectors.bytes(values[i]));
          }
        }
    }
    v.setValueCount(n);
    org.apache.arrow.vector.util.TransferPair tp = v.getTransferPair(name, allocator);
    tp.transfer();
    v.close();
    return (FieldVector) tp.getTo();
  }

  /** A batch of the given columns (which it takes over). */
  static VectorSchemaRoot batch(FieldVector... columns) {
    List<Field> fields = new ArrayList<>();
    for (FieldVector c : columns) {
      fields.add(c.getField());
    }
    int n = columns.length == 0 ? 0 : columns[0].getValueCount();
    return new VectorSchemaRoot(fields, Arrays.asList(columns), n);
  }

  // Evaluation.

  /** The values of {@code expr} over {@code batch}, in the Literal value convention. */
  List<Object> eval(Expr expr, VectorSchemaRoot batch) {
    CompiledExpr c = ExprCompiler.compile(expr, ctx, 0);
    try (FieldVector v = c.evaluate(batch)) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < batch.getRowCount(); i++) {
        out.add(Vectors.get(v, i));
      }
      return out;
    }
  }

  /**
   * {@code f(args...)} with each argument put into a one-row column (so the kernel runs, not the
   * compile-time folding), and again with constants (folded); both must agree.
   */
  Object fn(String f, ArrowType type, Literal... args) {
    FieldVector[] cols = new FieldVector[args.length + 1];
    Expr[] refs = new Expr[args.length];
    cols[0] = column("one", BIGINT, 1L);
    for (int i = 0; i < args.length; i++) {
      cols[i + 1] = column("c" + i, args[i].type(), args[i].value());
      refs[i] = col(i + 1, args[i].type());
    }
    Object viaColumns;
    Object viaConstants;
    try (VectorSchemaRoot b = batch(cols)) {
      viaColumns = eval(call(f, type, refs), b).get(0);
      viaConstants = eval(call(f, type, args), b).get(0);
    }
    if (viaColumns instanceof byte[] || viaConstants instanceof byte[]) {
      org.junit.jupiter.api.Assertions.assertArrayEquals((byte[]) viaColumns, (byte[]) viaConstants);
    } else {
      org.junit.jupiter.api.Assertions.assertEquals(viaColumns, viaConstants,
          "column and constant evaluation of " + f + " differ");
    }
    return viaColumns;
  }

  /** Settings map helper. */
  static Map<String, String> settings(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
