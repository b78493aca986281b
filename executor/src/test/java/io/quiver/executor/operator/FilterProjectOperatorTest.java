package io.quiver.executor.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.runtime.TableStore;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilterProjectOperatorTest {
  private static final ArrowType BIGINT = new ArrowType.Int(64, true);
  private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
  private static final FixedShapeTensorType TENSOR = FixedShapeTensorType.float32(2, 2);
  private static final Schema SCHEMA = new Schema(List.of(Field.nullable("id", BIGINT),
      Field.nullable("path", UTF8), TENSOR.field("image", true)));

  private RootAllocator allocator;
  private TableStore tables;
  private ExecutorService pool;
  private ExecContext ctx;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
    tables = new TableStore(allocator);
    pool = Executors.newCachedThreadPool();
    ctx = new ExecContext(allocator, Map.of(), pool, tables);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    tables.close();
    allocator.close();
  }

  /** Rows {@code [from, to)}: id = i, path = "dir/{i % 10}/f{i}.png" (null when i % 13 == 0), tensor = i..i+3. */
  private VectorSchemaRoot batch(int from, int to) {
    int n = to - from;
    BigIntVector id = new BigIntVector("id", allocator);
    VarCharVector path = new VarCharVector("path", allocator);
    FixedShapeTensorVector image = (FixedShapeTensorVector) TENSOR.getNewVector("image",
        new FieldType(true, TENSOR, null), allocator);
    id.allocateNew(n);
    path.allocateNew(n);
    image.getUnderlyingVector().setInitialCapacity(n);
    image.allocateNew();
    Float4Vector elements = (Float4Vector) image.elements();
    elements.allocateNew(n * 4);
    for (int k = 0; k < n; k++) {
      int i = from + k;
      id.set(k, i);
      if (i % 13 != 0) {
        path.setSafe(k, ("dir/" + (i % 10) + "/f" + i + ".png").getBytes());
      }
      image.getUnderlyingVector().setNotNull(k);
      for (int e = 0; e < 4; e++) {
        elements.set(k * 4 + e, i + e);
      }
    }
    id.setValueCount(n);
    path.setValueCount(n);
    elements.setValueCount(n * 4);
    image.setValueCount(n);
    List<FieldVector> vs = List.of(id, path, image);
    return new VectorSchemaRoot(SCHEMA.getFields(), vs, n);
  }

  private PreparedBatchStream input(int... bounds) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      batches.add(batch(bounds[i], bounds[i + 1]));
    }
    return new PreparedBatchStream(SCHEMA, batches);
  }

  private static Expr id() {
    return new ColumnRef(0, BIGINT);
  }

  private static Call call(String f, ArrowType type, Expr... args) {
    return new Call(f, List.of(args), type);
  }

  /** Drains {@code s}, collecting column {@code c} of every row as Objects. */
  private static List<Object> drain(BatchStream s, int c) {
    List<Object> out = new ArrayList<>();
    for (VectorSchemaRoot next = s.next(); next != null; next = s.next()) {
      try (VectorSchemaRoot b = next) {
        FieldVector v = b.getVector(c);
        for (int i = 0; i < b.getRowCount(); i++) {
          Object o = v.getObject(i);
          out.add(o == null ? null : o instanceof org.apache.arrow.vector.util.Text ? o.toString() : o);
        }
      }
    }
    return out;
  }

  @Test
  void filterKeepsTrueRowsAcrossBatches() {
    // id % 3 = 0 AND path IS NOT NULL
    Expr cond = call(Functions.AND, ArrowType.Bool.INSTANCE,
        call(Functions.EQ, ArrowType.Bool.INSTANCE, call(Functions.MOD, BIGINT, id(), new Literal(3L, BIGINT)),
            new Literal(0L, BIGINT)),
        call(Functions.IS_NOT_NULL, ArrowType.Bool.INSTANCE, new ColumnRef(1, UTF8)));
    List<Object> expected = new ArrayList<>();
    for (long i = 0; i < 250; i++) {
      if (i % 3 == 0 && i % 13 != 0) {
        expected.add(i);
      }
    }
    try (FilterOperator f = new FilterOperator(input(0, 100, 100, 200, 250), cond, ctx, 0)) {
      assertEquals(SCHEMA, f.schema());
      assertEquals(expected, drain(f, 0));
    }
  }

  @Test
  void filterCopiesAllColumnsIncludingTensors() {
    Expr cond = call(Functions.LIKE, ArrowType.Bool.INSTANCE, new ColumnRef(1, UTF8), new Literal("dir/7/%", UTF8));
    try (FilterOperator f = new FilterOperator(input(0, 64, 200), cond, ctx, 0)) {
      int rows = 0;
      for (VectorSchemaRoot next = f.next(); next != null; next = f.next()) {
        try (VectorSchemaRoot b = next) {
          assertTrue(b.getVector(2) instanceof FixedShapeTensorVector);
          assertEquals(TENSOR, b.getSchema().getFields().get(2).getType());
          for (int i = 0; i < b.getRowCount(); i++) {
            long id = ((BigIntVector) b.getVector(0)).get(i);
            assertEquals(7, id % 10);
            assertTrue(b.getVector(1).getObject(i).toString().startsWith("dir/7/"));
            Float4Vector el = (Float4Vector) ((FixedShapeTensorVector) b.getVector(2)).elements();
            for (int e = 0; e < 4; e++) {
              assertEquals(id + e, el.get(i * 4 + e), 0.0);
            }
            rows++;
          }
        }
      }
      assertEquals(19, rows); // 20 ids end in 7; the path of 117 (= 9 * 13) is NULL
    }
  }

  @Test
  void allPassGoesThroughUntouchedNonePassIsSkipped() {
    PreparedBatchStream in = input(0, 10, 10, 20, 20, 30);
    VectorSchemaRoot first = in.batches().peekFirst();
    // id < 10 OR id >= 20: the middle batch has no matching row.
    Expr cond = call(Functions.OR, ArrowType.Bool.INSTANCE,
        call(Functions.LT, ArrowType.Bool.INSTANCE, id(), new Literal(10L, BIGINT)),
        call(Functions.GE, ArrowType.Bool.INSTANCE, id(), new Literal(20L, BIGINT)));
    try (FilterOperator f = new FilterOperator(in, cond, ctx, 0)) {
      VectorSchemaRoot a = f.next();
      assertSame(first, a);
      a.close();
      VectorSchemaRoot c = f.next();
      assertEquals(20L, ((BigIntVector) c.getVector(0)).get(0));
      c.close();
      assertNull(f.next());
    }
    assertTrue(in.closed);
  }

  @Test
  void filterErrorClosesTheBatch() {
    Expr cond = call(Functions.GT, ArrowType.Bool.INSTANCE,
        call(Functions.DIVIDE, BIGINT, new Literal(10L, BIGINT), id()), new Literal(1L, BIGINT));
    try (FilterOperator f = new FilterOperator(input(0, 5), cond, ctx, 0)) {
      assertThrows(QuiverException.class, f::next);
    }
  }

  @Test
  void projectComputesAndRenames() {
    Schema out = new Schema(List.of(Field.nullable("label", new ArrowType.Int(32, true)),
        Field.nullable("img", TENSOR), Field.nullable("id_again", BIGINT), Field.nullable("twice", BIGINT)));
    List<Expr> exprs = List.of(
        call(Functions.TRY_CAST, new ArrowType.Int(32, true),
            call(Functions.SPLIT_PART, UTF8, new ColumnRef(1, UTF8), new Literal("/", UTF8), new Literal(-2L, BIGINT))),
        new ColumnRef(2, TENSOR),
        id(),
        call(Functions.MULTIPLY, BIGINT, id(), new Literal(2L, BIGINT)));
    try (ProjectOperator p = new ProjectOperator(input(0, 30, 30, 45), exprs, out, ctx, 0)) {
      assertEquals(out, p.schema());
      int rows = 0;
      for (VectorSchemaRoot next = p.next(); next != null; next = p.next()) {
        try (VectorSchemaRoot b = next) {
          assertEquals(List.of("label", "img", "id_again", "twice"),
              b.getSchema().getFields().stream().map(Field::getName).toList());
          assertTrue(b.getVector("img") instanceof FixedShapeTensorVector);
          assertEquals("img", b.getVector(1).getName());
          assertEquals(TENSOR, b.getVector(1).getField().getType());
          for (int i = 0; i < b.getRowCount(); i++) {
            long id = ((BigIntVector) b.getVector(2)).get(i);
            Object label = b.getVector(0).getObject(i);
            assertEquals(id % 13 == 0 ? null : (int) (id % 10), label);
            assertEquals(id * 2, ((BigIntVector) b.getVector(3)).get(i));
            rows++;
          }
        }
      }
      assertEquals(45, rows);
    }
  }
}
