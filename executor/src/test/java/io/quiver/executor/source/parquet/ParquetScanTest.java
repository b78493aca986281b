package io.quiver.executor.source.parquet;

import static io.quiver.executor.source.SourceTestSupport.column;
import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.SourceTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projection, filter pushdown (row groups and pages), limits and multi-file reads on files written here. */
class ParquetScanTest {
  private static final int ROWS = 10_000;
  private static final ArrowType BIGINT = new ArrowType.Int(64, true);
  private static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message t { required int64 id; optional binary name (STRING); optional double score; required int32 day (DATE); }");

  @TempDir
  Path dir;
  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, 1000);
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** Rows id = 0..rows-1 sorted, name = "n%05d", score null every 7th row, day = id % 365. */
  private Path write(String name, int rows, long rowGroupBytes, int pageBytes, boolean dictionary) throws IOException {
    Path file = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
        .withRowGroupSize(rowGroupBytes).withPageSize(pageBytes).withDictionaryEncoding(dictionary)
        .withMinRowCountForPageSizeCheck(10).withMaxRowCountForPageSizeCheck(100).withPageRowCountLimit(200).build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup().append("id", (long) i).append("name", String.format("n%05d", i));
        if (i % 7 != 0) {
          g.append("score", i * 0.5);
        }
        w.write(g.append("day", i % 365));
      }
    }
    return file;
  }

  private Path multiRowGroupFile() throws IOException {
    return write("multi.parquet", ROWS, 16 * 1024, 1024, false);
  }

  private static Expr col(int i, ArrowType t) {
    return new ColumnRef(i, t);
  }

  private static Expr call(String f, Expr... args) {
    return new Call(f, List.of(args), BOOL);
  }

  private static Expr lit(Object v, ArrowType t) {
    return new Literal(v, t);
  }

  private static ScanSpec filtered(Expr... filters) {
    return new ScanSpec(new int[] {0, 1, 2, 3}, List.of(filters), -1);
  }

  private ParquetSource source(Path p) {
    return new ParquetSource(Map.of("path", p.toString()));
  }

  @Test
  void schemaMapsTypesAndEveryFieldIsNullable() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    assertEquals(List.of("id", "name", "score", "day"), s.schema().getFields().stream().map(f -> f.getName()).toList());
    assertEquals(BIGINT, s.schema().getFields().get(0).getType());
    assertEquals(ArrowType.Utf8.INSTANCE, s.schema().getFields().get(1).getType());
    assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), s.schema().getFields().get(2).getType());
    assertEquals(new ArrowType.Date(DateUnit.DAY), s.schema().getFields().get(3).getType());
    assertTrue(s.schema().getFields().stream().allMatch(f -> f.isNullable()));
  }

  @Test
  void readsEveryRowAcrossRowGroupsAndBatches() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    List<SourceSplit> splits = s.splits(ScanSpec.all(s.schema()), ctx);
    assertTrue(splits.size() > 5, "expected several row groups, got " + splits.size());
    List<List<Object>> rows = readAll(s, ScanSpec.all(s.schema()), SourceTestSupport.context(allocator, 333));
    assertEquals(ROWS, rows.size());
    for (int i = 0; i < ROWS; i++) {
      List<Object> r = rows.get(i);
      assertEquals((long) i, r.get(0));
      assertEquals(String.format("n%05d", i), r.get(1));
      assertEquals(i % 7 == 0 ? null : i * 0.5, r.get(2));
      assertEquals(i % 365, r.get(3));
    }
  }

  @Test
  void dictionaryEncodedPagesReadTheSameValues() throws IOException {
    Path p = write("dict.parquet", 3000, 8 * 1024, 512, true);
    List<List<Object>> rows = readAll(source(p), ScanSpec.all(source(p).schema()), ctx);
    assertEquals(3000, rows.size());
    assertEquals(364 % 365, rows.get(364).get(3));
    assertEquals("n02999", rows.get(2999).get(1));
  }

  @Test
  void projectionReturnsOnlyTheAskedColumnsInTheAskedOrder() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    ScanSpec spec = new ScanSpec(new int[] {2, 0}, List.of(), -1);
    SourceSplit first = s.splits(spec, ctx).get(0);
    try (BatchStream stream = s.open(first, spec, ctx); VectorSchemaRoot b = stream.next()) {
      assertEquals(List.of("score", "id"), b.getSchema().getFields().stream().map(f -> f.getName()).toList());
      assertEquals(2, b.getFieldVectors().size());
      assertEquals(0L, b.getVector(1).getObject(0));
      assertEquals(0.5, b.getVector(0).getObject(1));
    }
  }

  @Test
  void emptyProjectionCountsRows() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    ScanSpec spec = new ScanSpec(new int[0], List.of(), -1);
    List<List<Object>> rows = readAll(s, spec, ctx);
    assertEquals(ROWS, rows.size());
    assertTrue(rows.get(0).isEmpty());
  }

  @Test
  void filterOnSortedColumnSkipsRowGroupsButKeepsEveryMatch() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    int all = s.splits(ScanSpec.all(s.schema()), ctx).size();
    ScanSpec spec = filtered(call(Functions.GE, col(0, BIGINT), lit(9000L, BIGINT)));
    List<SourceSplit> kept = s.splits(spec, ctx);
    assertTrue(kept.size() < all / 2, kept.size() + " of " + all + " row groups kept");
    assertIdsCovered(s, spec, id -> id >= 9000);
  }

  @Test
  void literalOnTheLeftIsFlipped() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    ScanSpec spec = filtered(call(Functions.GT, lit(100L, BIGINT), col(0, BIGINT)));
    assertEquals(1, s.splits(spec, ctx).size());
    assertIdsCovered(s, spec, id -> id < 100);
  }

  @Test
  void inOrAndStringFiltersSkipRowGroups() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    int all = s.splits(ScanSpec.all(s.schema()), ctx).size();
    ScanSpec in = filtered(call(Functions.IN, col(0, BIGINT), lit(5L, BIGINT), lit(9999L, BIGINT), lit(null, BIGINT)));
    assertEquals(2, s.splits(in, ctx).size());
    assertIdsCovered(s, in, id -> id == 5 || id == 9999);

    ScanSpec or = filtered(call(Functions.OR, call(Functions.LT, col(0, BIGINT), lit(50L, BIGINT)),
        call(Functions.GT, col(0, BIGINT), lit(9950L, BIGINT))));
    assertTrue(s.splits(or, ctx).size() <= 3, "only the first and the last row groups can match");
    assertIdsCovered(s, or, id -> id < 50 || id > 9950);

    ScanSpec name = filtered(call(Functions.EQ, col(1, ArrowType.Utf8.INSTANCE), lit("n04321", ArrowType.Utf8.INSTANCE)));
    assertEquals(1, s.splits(name, ctx).size());
    assertIdsCovered(s, name, id -> id == 4321);

    ScanSpec and = filtered(call(Functions.AND, call(Functions.GE, col(0, BIGINT), lit(2000L, BIGINT)),
        call(Functions.LIKE, col(1, ArrowType.Utf8.INSTANCE), lit("n%", ArrowType.Utf8.INSTANCE))));
    assertTrue(s.splits(and, ctx).size() < all, "the translatable half of an AND still skips");
  }

  @Test
  void untranslatableFiltersKeepEveryRowGroup() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    int all = s.splits(ScanSpec.all(s.schema()), ctx).size();
    Expr plusOne = new Call(Functions.ADD, List.of(col(0, BIGINT), lit(1L, BIGINT)), BIGINT);
    assertEquals(all, s.splits(filtered(call(Functions.GT, plusOne, lit(9000L, BIGINT))), ctx).size());
    assertEquals(all, s.splits(filtered(call(Functions.NOT, call(Functions.LT, col(0, BIGINT), lit(5L, BIGINT)))), ctx).size());
    assertEquals(all, s.splits(filtered(call(Functions.EQ, col(0, BIGINT), lit(null, BIGINT))), ctx).size());
    assertEquals(all, s.splits(filtered(call(Functions.IS_NULL, col(2, ArrowType.Utf8.INSTANCE))), ctx).size());
    assertTrue(s.splits(filtered(call(Functions.IS_NULL, col(0, BIGINT))), ctx).isEmpty(),
        "a required column has no nulls, so IS NULL skips everything");
  }

  @Test
  void floatingPointPrunesOnlyWhereNaNCannotMatch() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    ArrowType dbl = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    int all = s.splits(ScanSpec.all(s.schema()), ctx).size();
    ScanSpec below = filtered(call(Functions.LT, col(2, dbl), lit(100.0, dbl)));
    assertTrue(s.splits(below, ctx).size() < all);
    assertIdsCovered(s, below, id -> id * 0.5 < 100.0);
    // NaN sorts above every number in SQL but is left out of Parquet's max, so '>' must not prune.
    assertEquals(all, s.splits(filtered(call(Functions.GT, col(2, dbl), lit(4000.0, dbl))), ctx).size());
    assertEquals(all, s.splits(filtered(call(Functions.EQ, col(2, dbl), lit(0.0, dbl))), ctx).size());
  }

  @Test
  void pageIndexFilteringReadsOnlyMatchingPagesOfARowGroup() throws IOException {
    Path p = write("pages.parquet", ROWS, 64L * 1024 * 1024, 512, false);
    ParquetSource s = source(p);
    ScanSpec spec = filtered(call(Functions.EQ, col(0, BIGINT), lit(5000L, BIGINT)));
    List<SourceSplit> splits = s.splits(spec, ctx);
    assertEquals(1, splits.size());
    List<List<Object>> rows = readAll(s, spec, ctx);
    assertTrue(rows.size() < ROWS / 10, "pages were skipped: " + rows.size() + " rows read");
    List<Object> match = rows.stream().filter(r -> r.get(0).equals(5000L)).findFirst().orElseThrow();
    assertEquals(List.of(5000L, "n05000", 2500.0, 5000 % 365), match);
    for (List<Object> r : rows) {
      long id = (Long) r.get(0);
      assertEquals(String.format("n%05d", id), r.get(1), "columns stay aligned after page skipping");
    }
  }

  @Test
  void limitWithoutFiltersListsOnlyTheRowGroupsItNeedsAndStopsEarly() throws IOException {
    ParquetSource s = source(multiRowGroupFile());
    ScanSpec spec = new ScanSpec(new int[] {0}, List.of(), 10);
    List<SourceSplit> splits = s.splits(spec, ctx);
    assertEquals(1, splits.size());
    assertEquals(10, readAll(s, spec, ctx).size());
  }

  @Test
  void directoriesAndGlobsReadEveryFile() throws IOException {
    write("a.parquet", 100, 1 << 20, 1024, true);
    write("b.parquet", 50, 1 << 20, 1024, true);
    Files.writeString(dir.resolve("_SUCCESS"), "");
    assertEquals(150, readAll(source(dir), ScanSpec.all(source(dir).schema()), ctx).size());
    ParquetSource glob = new ParquetSource(Map.of("path", dir.resolve("b*.parquet").toString()));
    assertEquals(50, readAll(glob, ScanSpec.all(glob.schema()), ctx).size());
  }

  @Test
  void filesWithDifferentSchemasAreRejectedNamingBoth() throws IOException {
    write("a.parquet", 10, 1 << 20, 1024, true);
    MessageType other = MessageTypeParser.parseMessageType("message t { required int32 id; }");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(dir.resolve("b.parquet")))
        .withType(other).build()) {
      w.write(new SimpleGroupFactory(other).newGroup().append("id", 1));
    }
    ParquetSource s = source(dir);
    QuiverException e = assertThrows(QuiverException.class, () -> s.splits(ScanSpec.all(s.schema()), ctx));
    assertTrue(e.getMessage().contains("a.parquet") && e.getMessage().contains("b.parquet"), e.getMessage());
  }

  @Test
  void missingFilesAndBadArgumentsAreClearErrors() {
    QuiverException missing = assertThrows(QuiverException.class,
        () -> source(dir.resolve("nope.parquet")));
    assertTrue(missing.getMessage().contains("nope.parquet"), missing.getMessage());
    assertThrows(QuiverException.class, () -> new ParquetSource(Map.of("path", 3L)));
  }

  @Test
  void truncatedFileNamesTheFile() throws IOException {
    Path good = multiRowGroupFile();
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    QuiverException e = assertThrows(QuiverException.class, () -> source(cut));
    assertTrue(e.getMessage().contains("cut.parquet"), e.getMessage());
  }

  @Test
  void runsThroughThePlanExecutorInParallel() throws Exception {
    Path p = multiRowGroupFile();
    ParquetSource s = source(p);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      ExecContext parallel = new ExecContext(allocator, Map.of("batch_size", "700"), pool, null);
      io.quiver.executor.plan.ScanNode scan = new io.quiver.executor.plan.ScanNode("read_parquet",
          Map.of("path", p.toString()), s.schema(), new int[] {0},
          List.of(call(Functions.LT, col(0, BIGINT), lit(5000L, BIGINT))), -1);
      long sum = 0;
      try (BatchStream out = io.quiver.executor.PlanExecutor.execute(new io.quiver.executor.plan.GatherNode(scan, 2), parallel)) {
        for (VectorSchemaRoot next = out.next(); next != null; next = out.next()) {
          try (VectorSchemaRoot b = next) {
            for (int i = 0; i < b.getRowCount(); i++) {
              long id = (Long) b.getVector(0).getObject(i);
              sum += id < 5000 ? id : 0;
            }
          }
        }
      }
      assertEquals(4999L * 5000 / 2, sum);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every id in 0..ROWS-1 that passes {@code keep} comes out of the filtered scan. */
  private void assertIdsCovered(ParquetSource s, ScanSpec spec, java.util.function.LongPredicate keep) {
    Set<Object> read = new TreeSet<>(column(readAll(s, spec, ctx), 0));
    List<Long> missing = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      if (keep.test(id) && !read.contains(id)) {
        missing.add(id);
      }
    }
    assertTrue(missing.isEmpty(), "rows lost by the filter: " + missing);
  }
}
