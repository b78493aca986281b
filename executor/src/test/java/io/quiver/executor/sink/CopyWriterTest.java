package io.quiver.executor.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.parquet.ParquetSource;
import io.quiver.executor.storage.LocalStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyWriterTest {
  private static final int ROWS = 50;

  @TempDir Path tmp;
  private BufferAllocator allocator;
  private ExecutorService pool;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    pool = Executors.newCachedThreadPool();
    ctx = new ExecContext(allocator, Map.of("batch_size", "16", "threads", "2"), pool, null);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    allocator.close();
  }

  private Schema allTypesSchema() {
    try (VectorSchemaRoot b = CopyTestData.allTypes(allocator, 0, 1)) {
      return b.getSchema();
    }
  }

  private CopyWriter.Result copyAllTypes(CopySpec spec, int batches, int failAt) {
    try (BatchStream in = CopyTestData.stream(allTypesSchema(), batches, failAt,
        i -> CopyTestData.allTypes(allocator, i * 10, 10))) {
      return CopyWriter.write(in, spec, LocalStorage.INSTANCE, ctx);
    }
  }

  private static CopySpec parquet(Path target, CopySpec.Compression c) {
    return new CopySpec(target.toString(), CopySpec.Format.PARQUET, List.of(), false, c,
        CopySpec.DEFAULT_FILE_SIZE_BYTES, CopySpec.DEFAULT_ROW_GROUP_ROWS, false, true, ',');
  }

  private List<List<Object>> expectedAllTypes() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < ROWS / 10; i++) {
      try (VectorSchemaRoot b = CopyTestData.allTypes(allocator, i * 10, 10)) {
        rows.addAll(rowsOf(b));
      }
    }
    return rows;
  }

  private static List<List<Object>> rowsOf(VectorSchemaRoot b) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < b.getRowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (FieldVector v : b.getFieldVectors()) {
        row.add(SourceTestSupport.plain(v.getObject(r)));
      }
      rows.add(row);
    }
    return rows;
  }

  private List<List<Object>> readParquet(Path path) {
    ParquetSource src = new ParquetSource(Map.of("path", path.toString()));
    int[] all = new int[src.schema().getFields().size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return SourceTestSupport.readAll(src, new ScanSpec(all, List.of(), -1), ctx);
  }

  private static String sorted(List<List<Object>> rows) {
    return rows.stream().map(Object::toString).sorted().collect(Collectors.joining("\n"));
  }

  /** Every path under {@code dir}, hidden files included, relative and sorted. */
  private static List<String> tree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void everyTypeRoundTripsThroughParquetWithEachCodec() {
    for (CopySpec.Compression c : CopySpec.Compression.values()) {
      Path out = tmp.resolve("out-" + c);
      CopyWriter.Result r = copyAllTypes(parquet(out, c), ROWS / 10, -1);
      assertEquals(ROWS, r.rows());
      assertEquals(sorted(expectedAllTypes()), sorted(readParquet(out)), "codec " + c);
      Schema read = new ParquetSource(Map.of("path", out.toString())).schema();
      assertEquals(CopyTestData.IMAGE, read.findField("image").getType());
      assertEquals(CopyTestData.EMBEDDING, read.findField("emb").getType());
      assertEquals(allTypesSchema().findField("ts").getType(), read.findField("ts").getType());
      assertEquals(allTypesSchema().findField("i8").getType(), read.findField("i8").getType());
      assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }
  }

  @Test
  void singleFileTargetIsExactlyThatFile() throws IOException {
    Path out = tmp.resolve("one.parquet");
    copyAllTypes(parquet(out, CopySpec.Compression.ZSTD), ROWS / 10, -1);
    assertTrue(Files.isRegularFile(out));
    assertEquals(List.of("one.parquet"), tree(tmp));
    assertEquals(sorted(expectedAllTypes()), sorted(readParquet(out)));
  }

  @Test
  void fileSizeRollsOverToMoreFiles() {
    Path out = tmp.resolve("rolled");
    CopySpec spec = new CopySpec(out.toString(), CopySpec.Format.PARQUET, List.of(), false,
        CopySpec.Compression.NONE, 1, 1000, true, true, ',');
    copyAllTypes(spec, ROWS / 10, -1);
    Manifest m = Manifest.parse(readBytes(out.resolve("_SUCCESS")));
    assertEquals(ROWS / 10, m.files().size(), "one file per batch when every batch exceeds the size");
    assertEquals(ROWS, m.rows());
    assertEquals(sorted(expectedAllTypes()), sorted(readParquet(out)));
  }

  @Test
  void partitionsAreHiveFoldersWithoutThePartitionColumn() throws IOException {
    Path out = tmp.resolve("parts");
    Schema schema;
    try (VectorSchemaRoot b = CopyTestData.labelled(allocator, 0, 1)) {
      schema = b.getSchema();
    }
    CopySpec spec = new CopySpec(out.toString(), CopySpec.Format.PARQUET, List.of("LABEL"), false,
        CopySpec.Compression.SNAPPY, CopySpec.DEFAULT_FILE_SIZE_BYTES, 1000, false, true, ',');
    try (BatchStream in = CopyTestData.stream(schema, 3, -1, i -> CopyTestData.labelled(allocator, i * 10, 10))) {
      assertEquals(30, CopyWriter.write(in, spec, LocalStorage.INSTANCE, ctx).rows());
    }
    List<String> folders = tree(out).stream().filter(p -> !p.contains("/")).toList();
    assertEquals(List.of("_SUCCESS", "label=0", "label=1", "label=2", "label=__HIVE_DEFAULT_PARTITION__"), folders);
    List<List<Object>> zero = readParquet(out.resolve("label=0"));
    assertEquals(List.of("name"), new ParquetSource(Map.of("path", out.resolve("label=0").toString()))
        .schema().getFields().stream().map(f -> f.getName()).toList());
    List<Object> expected = new ArrayList<>();
    for (int r = 0; r < 30; r++) {
      if (r % 7 != 6 && r % 3 == 0) {
        expected.add(List.of("n" + r).toString());
      }
    }
    assertEquals(expected.stream().map(Object::toString).sorted().toList(),
        zero.stream().map(Object::toString).sorted().toList());
    assertEquals(30, readParquet(out).size(), "the whole directory reads every partition's rows");
  }

  @Test
  void existingTargetWithoutOverwriteFailsBeforeRunningAndStaysUntouched() throws IOException {
    Path out = tmp.resolve("exists");
    Files.createDirectories(out);
    Files.writeString(out.resolve("old.parquet"), "old");
    QuiverException e = assertThrows(QuiverException.class,
        () -> copyAllTypes(parquet(out, CopySpec.Compression.SNAPPY), 1, 0));
    assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains(out.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("OVERWRITE"), e.getMessage());
    assertEquals(List.of("old.parquet"), tree(out));
  }

  @Test
  void overwriteReplacesOldGenerationOnlyAfterSuccess() throws IOException {
    Path out = tmp.resolve("ow");
    copyAllTypes(parquet(out, CopySpec.Compression.SNAPPY), 1, -1);
    Files.writeString(out.resolve("stray.parquet"), "not parquet");
    List<String> before = tree(out);

    CopySpec overwrite = new CopySpec(out.toString(), CopySpec.Format.PARQUET, List.of(), true,
        CopySpec.Compression.ZSTD, CopySpec.DEFAULT_FILE_SIZE_BYTES, 1000, false, true, ',');
    // A failure midway leaves the old content exactly as it was, and no staging.
    assertThrows(IllegalStateException.class, () -> copyAllTypes(overwrite, 5, 3));
    assertEquals(before, tree(out));

    CopyWriter.Result r = copyAllTypes(overwrite, ROWS / 10, -1);
    assertEquals(ROWS, r.rows());
    List<String> after = tree(out);
    assertFalse(after.contains("stray.parquet"), after.toString());
    for (String old : before) {
      if (!old.equals("_SUCCESS")) {
        assertFalse(after.contains(old), "old file " + old + " deleted");
      }
    }
    assertEquals(sorted(expectedAllTypes()), sorted(readParquet(out)));
  }

  @Test
  void failureLeavesNoTargetAndNoStaging() throws IOException {
    Path out = tmp.resolve("sub").resolve("failed");
    Files.createDirectories(out.getParent());
    assertThrows(IllegalStateException.class, () -> copyAllTypes(parquet(out, CopySpec.Compression.ZSTD), 5, 3));
    assertEquals(List.of(), tree(out.getParent()));

    Path parts = tmp.resolve("sub").resolve("failedParts");
    Schema schema;
    try (VectorSchemaRoot b = CopyTestData.labelled(allocator, 0, 1)) {
      schema = b.getSchema();
    }
    CopySpec spec = new CopySpec(parts.toString(), CopySpec.Format.CSV, List.of("label"), false,
        CopySpec.Compression.NONE, CopySpec.DEFAULT_FILE_SIZE_BYTES, 1000, false, true, ',');
    try (BatchStream in = CopyTestData.stream(schema, 4, 2, i -> CopyTestData.labelled(allocator, i * 10, 10))) {
      assertThrows(IllegalStateException.class, () -> CopyWriter.write(in, spec, LocalStorage.INSTANCE, ctx));
    }
    assertEquals(List.of(), tree(out.getParent()));
  }

  @Test
  void cancelMidwayAbortsEverything() throws IOException {
    Path out = tmp.resolve("cancelled");
    try (BatchStream in = CopyTestData.stream(allTypesSchema(), 6, -1, i -> {
      if (i == 3) {
        ctx.cancel(); // as Ctrl-C or JDBC cancel does, from another thread
      }
      return CopyTestData.allTypes(allocator, i * 10, 10);
    })) {
      QuiverException e = assertThrows(QuiverException.class,
          () -> CopyWriter.write(in, parquet(out, CopySpec.Compression.ZSTD), LocalStorage.INSTANCE, ctx));
      assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }
    assertEquals(List.of(), tree(tmp));
  }

  @Test
  void readersSeeOnlyWhatTheManifestLists() throws IOException {
    Path out = tmp.resolve("manifest");
    copyAllTypes(parquet(out, CopySpec.Compression.SNAPPY), 2, -1);
    // A file committed by a COPY that has not written its manifest yet (or an old one pending deletion).
    Files.copy(Files.list(out).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow(),
        out.resolve("part-zzzz-00000.parquet"));
    assertEquals(20, readParquet(out).size());
    assertEquals(20, readParquet(Path.of(out + "/*.parquet")).size());
  }

  private String writeText(Path out, CopySpec.Format format) throws IOException {
    CopySpec spec = new CopySpec(out.toString(), format, List.of(), false, CopySpec.Compression.NONE,
        CopySpec.DEFAULT_FILE_SIZE_BYTES, 1000, false, true, ',');
    try (BatchStream in = CopyTestData.stream(allTypesSchema(), 1, -1, i -> CopyTestData.allTypes(allocator, 3, 3))) {
      assertEquals(3, CopyWriter.write(in, spec, LocalStorage.INSTANCE, ctx).rows());
    }
    return Files.readString(out);
  }

  @Test
  void csvIsRfc4180WithHeaderAndEmptyNulls() throws IOException {
    String text = writeText(tmp.resolve("t.csv"), CopySpec.Format.CSV);
    String d3 = java.time.LocalDate.ofEpochDay(19_003).toString();
    String d5 = java.time.LocalDate.ofEpochDay(19_005).toString();
    assertEquals("i8,i16,i32,i64,f32,f64,b,s,d,ts,l,image,emb\n"
        + "-47,-991,3000,30000000000,0.75,0.375,true,\"\"," + d3 + ",2023-11-14 22:13:24.5,[],"
        + "\"[[21, 61, 101], [141, 181, 221]]\",\"[1.5, -3.0]\"\n"
        + ",,,,,,,,,,,\"[[28, 68, 108], [148, 188, 228]]\",\"[2.0, -4.0]\"\n"
        + "-45,-985,5000,50000000000,1.25,0.625,true,\"v\"\",5\n\"," + d5 + ",2023-11-14 22:13:27.5,\"[5, 6]\","
        + "\"[[35, 75, 115], [155, 195, 235]]\",\"[2.5, -5.0]\"\n", text);
  }

  @Test
  void jsonLinesHaveNullsAndNestedTensorArrays() throws IOException {
    String text = writeText(tmp.resolve("t.json"), CopySpec.Format.JSON);
    String[] lines = text.split("\n");
    assertEquals(3, lines.length);
    assertEquals("{\"i8\":null,\"i16\":null,\"i32\":null,\"i64\":null,\"f32\":null,\"f64\":null,\"b\":null,"
        + "\"s\":null,\"d\":null,\"ts\":null,\"l\":null,\"image\":[[28,68,108],[148,188,228]],\"emb\":[2.0,-4.0]}",
        lines[1]);
    assertTrue(lines[2].contains("\"s\":\"v\\\",5\\n\"") && lines[2].contains("\"ts\":\"2023-11-14 22:13:27.5\"")
        && lines[2].contains("\"l\":[5,6]"), lines[2]);
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
