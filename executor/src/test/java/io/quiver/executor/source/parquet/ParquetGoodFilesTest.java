package io.quiver.executor.source.parquet;

import io.quiver.executor.storage.LocalStorage;
import static io.quiver.executor.source.SourceTestSupport.column;
import static io.quiver.executor.source.SourceTestSupport.csvFields;
import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every good file of the parquet-testing suite, checked against its documented contents. */
class ParquetGoodFilesTest {
  private static final Path DIR = SourceTestSupport.sharedData().resolve("parquet-testing");

  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, 5); // tiny batches cross page and batch boundaries
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  static Stream<Path> goodFiles() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList().stream();
    }
  }

  private List<List<Object>> read(String file, Map<String, Object> extra) {
    java.util.HashMap<String, Object> args = new java.util.HashMap<>(extra);
    args.put("path", DIR.resolve(file).toString());
    ParquetSource source = new ParquetSource(args);
    return readAll(source, ScanSpec.all(source.schema()), ctx);
  }

  private List<List<Object>> read(String file) {
    return read(file, Map.of());
  }

  @ParameterizedTest
  @MethodSource("goodFiles")
  void everyGoodFileReadsAllRowsWithTheFooterRowCount(Path file) {
    ParquetSource source = new ParquetSource(Map.of("path", file.toString()));
    long expected = ParquetFiles.footer(LocalStorage.INSTANCE, file.toString()).getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
    assertEquals(expected, readAll(source, ScanSpec.all(source.schema()), ctx).size(), file.toString());
  }

  @Test
  void alltypesPlain() {
    List<List<Object>> rows = read("alltypes_plain.parquet");
    assertEquals(8, rows.size());
    assertEquals(List.of(4, 5, 6, 7, 2, 3, 0, 1), column(rows, 0));
    assertEquals(List.of(true, false, true, false, true, false, true, false), column(rows, 1));
    assertEquals(10L, rows.get(1).get(5));
    assertEquals(1.1f, rows.get(1).get(6));
    assertEquals(10.1, rows.get(1).get(7));
    assertArrayEquals("03/01/09".getBytes(StandardCharsets.UTF_8), (byte[]) rows.get(0).get(8));
    assertEquals(LocalDateTime.of(2009, 3, 1, 0, 1), rows.get(1).get(10));
  }

  @Test
  void binaryAsStringReadsUnannotatedBinariesAsVarchar() {
    ParquetSource source = new ParquetSource(Map.of("path", DIR.resolve("alltypes_plain.parquet").toString(),
        "binary_as_string", true));
    assertEquals(ArrowType.Utf8.INSTANCE, source.schema().findField("string_col").getType());
    List<List<Object>> rows = readAll(source, ScanSpec.all(source.schema()), ctx);
    assertEquals(List.of("0", "1", "0", "1", "0", "1", "0", "1"), column(rows, 9));
  }

  @Test
  void alltypesDictionaryAndSnappy() {
    assertEquals(List.of(0, 1), column(read("alltypes_dictionary.parquet"), 0));
    assertEquals(List.of(6, 7), column(read("alltypes_plain.snappy.parquet"), 0));
  }

  @Test
  void alltypesTinyPagesHoldsEveryIdOnce() {
    List<List<Object>> rows = read("alltypes_tiny_pages.parquet");
    assertEquals(7300, rows.size());
    TreeSet<Object> ids = new TreeSet<>(column(rows, 0));
    assertEquals(7300, ids.size());
    assertEquals(0, ids.first());
    assertEquals(7299, ids.last());
    Schema schema = new ParquetSource(Map.of("path", DIR.resolve("alltypes_tiny_pages.parquet").toString())).schema();
    assertEquals(new ArrowType.Int(8, true), schema.findField("tinyint_col").getType());
    assertEquals(ArrowType.Utf8.INSTANCE, schema.findField("string_col").getType());
    assertEquals(List.of(122, true, (byte) 2, (short) 2, 2, 20L, 2.2f, 20.2, "01/13/09", "2"),
        rows.get(0).subList(0, 10));
  }

  @Test
  void deltaBinaryPackedMatchesExpectCsv() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("delta_binary_packed_expect.csv"));
    List<List<Object>> rows = read("delta_binary_packed.parquet");
    assertEquals(lines.size() - 1, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      List<String> expected = csvFields(lines.get(r + 1));
      for (int c = 0; c < expected.size(); c++) {
        Object actual = rows.get(r).get(c);
        assertEquals(expected.get(c), actual == null ? null : actual.toString(), "row " + r + " column " + c);
      }
    }
  }

  @Test
  void deltaByteArrayMatchesExpectCsv() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("delta_byte_array_expect.csv"), StandardCharsets.UTF_8);
    List<List<Object>> rows = read("delta_byte_array.parquet");
    assertEquals(lines.size() - 1, rows.size());
    for (int r = 0; r < rows.size(); r++) {
      assertEquals(csvFields(lines.get(r + 1)), rows.get(r), "row " + r);
    }
  }

  @Test
  void int96FromSparkIsMicrosecondsSinceTheEpoch() {
    List<List<Object>> rows = read("int96_from_spark.parquet");
    long[] micros = {1704141296123456L, 1704070800000000L, 253402225200000000L, 1735599600000000L, 0,
        9089380393200000000L};
    assertEquals(6, rows.size());
    for (int i = 0; i < 6; i++) {
      Object v = rows.get(i).get(0);
      if (i == 4) {
        assertNull(v);
      } else {
        LocalDateTime t = (LocalDateTime) v;
        long actual = t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
        assertEquals(micros[i], actual, "row " + i);
      }
    }
  }

  @Test
  void decimalsOfEveryPhysicalTypeAreDoubles() {
    List<Object> expected = new ArrayList<>();
    for (int i = 1; i <= 24; i++) {
      expected.add((double) i);
    }
    for (String f : List.of("byte_array_decimal.parquet", "int32_decimal.parquet", "int64_decimal.parquet",
        "fixed_length_decimal.parquet")) {
      assertEquals(expected, column(read(f), 0), f);
    }
  }

  @Test
  void nullsSnappyIsAStructOfNulls() {
    List<List<Object>> rows = read("nulls.snappy.parquet");
    assertEquals(8, rows.size());
    for (List<Object> r : rows) {
      assertEquals("{\"b_c_int\":null}", r.get(0));
    }
  }

  @Test
  void listsOfPrimitivesBecomeArrowLists() {
    List<List<Object>> rows = read("list_columns.parquet");
    assertEquals(List.of(1L, 2L, 3L), rows.get(0).get(0));
    assertEquals(Arrays.asList(null, 1L), rows.get(1).get(0));
    assertEquals(List.of(4L), rows.get(2).get(0));
    assertEquals(List.of("abc", "efg", "hij"), rows.get(0).get(1));
    assertNull(rows.get(1).get(1));
    assertEquals(Arrays.asList("efg", null, "hij", "xyz"), rows.get(2).get(1));
    assertEquals(List.of(List.of()), column(read("null_list.parquet"), 0));
  }

  @Test
  void dataPageV2() {
    List<List<Object>> rows = read("datapage_v2.snappy.parquet");
    assertEquals(Arrays.asList("abc", "abc", "abc", null, "abc"), column(rows, 0));
    assertEquals(List.of(1, 2, 3, 4, 5), column(rows, 1));
    assertEquals(List.of(2.0, 3.0, 4.0, 5.0, 2.0), column(rows, 2));
    assertEquals(List.of(true, true, true, false, true), column(rows, 3));
    assertEquals(Arrays.asList(List.of(1, 2, 3), null, null, List.of(1, 2, 3), List.of(1, 2)), column(rows, 4));
  }

  @Test
  void nestedMapsAndStructsAreJsonText() {
    List<List<Object>> maps = read("nested_maps.snappy.parquet");
    assertEquals("{\"a\":{\"1\":true,\"2\":false}}", maps.get(0).get(0));
    assertEquals("{\"c\":null}", maps.get(2).get(0));
    List<List<Object>> impala = read("nullable.impala.parquet");
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), column(impala, 0));
    assertEquals(List.of(1, 2, 3), impala.get(0).get(1));
    assertEquals("[[1,2],[3,4]]", impala.get(0).get(2));
    assertEquals("{\"k1\":2,\"k2\":null}", impala.get(1).get(3));
    assertEquals(Arrays.asList(6L, null, null, null, null, null), impala.get(5));
    assertEquals("[[[\"a\",\"b\"],[\"c\"]],[null,[\"d\"]]]", read("nested_lists.snappy.parquet").get(0).get(0));
  }

  @Test
  void compressionCodecsAndEncodings() {
    List<List<Object>> lz4 = read("lz4_raw_compressed.parquet");
    assertEquals(List.of(1593604800L, 1593604800L, 1593604801L, 1593604801L), column(lz4, 0));
    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), (byte[]) lz4.get(0).get(1));
    assertEquals(List.of(42.0, 7.7, 42.125, 7.7), column(lz4, 2));
    List<List<Object>> split = read("byte_stream_split.zstd.parquet");
    assertEquals(300, split.size());
    assertEquals(List.of(1.7640524f, -1.3065268517353166), split.get(0));
    assertEquals(List.of(0.4001572f, 1.658130679618188), split.get(1));
  }

  @Test
  void binaryAndSingleNan() {
    List<List<Object>> rows = read("binary.parquet");
    assertEquals(12, rows.size());
    for (int i = 0; i < 12; i++) {
      assertArrayEquals(new byte[] {(byte) i}, (byte[]) rows.get(i).get(0));
    }
    assertEquals(Arrays.asList((Object) null), column(read("single_nan.parquet"), 0));
  }

  @Test
  void nonNullableImpala() {
    List<List<Object>> rows = read("nonnullable.impala.parquet");
    assertEquals(1, rows.size());
    assertEquals(8L, rows.get(0).get(0));
    assertEquals(List.of(-1), rows.get(0).get(1));
    assertEquals("{\"k1\":-1}", rows.get(0).get(3));
    assertTrue(((String) rows.get(0).get(5)).contains("\"f\":\"nonnullable\""));
  }
}
