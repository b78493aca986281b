package io.quiver.executor.source;

import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Functions;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.storage.FaultInjectingProxy;
import io.quiver.executor.storage.S3Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every file table function over {@code s3://} (s3proxy) gives what it gives over the same local files. */
class S3SourcesTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  static final Path DATA = SourceTestSupport.sharedData();
  static final Path MNIST = DATA.resolve("mnist/50_per_index");
  static final ArrowType BIGINT = new ArrowType.Int(64, true);

  @TempDir
  static Path local;

  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeAll
  static void upload() throws IOException {
    S3.uploadDirOnce(MNIST, "mnist/");
    Files.createDirectories(local.resolve("pq"));
    writeParquet(local.resolve("pq/multi.parquet"), 20_000);
    Files.copy(DATA.resolve("parquet-testing/alltypes_tiny_pages.parquet"), local.resolve("pq/tiny_pages.parquet"));
    Files.createDirectories(local.resolve("text"));
    StringBuilder csv = new StringBuilder("id,name,score\n");
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      csv.append(i).append(",n").append(i).append(',').append(i % 3 == 0 ? "" : Double.toString(i * 0.25)).append('\n');
      json.append("{\"id\": ").append(i).append(", \"name\": \"n").append(i).append("\", \"ok\": ")
          .append(i % 2 == 0).append("}\n");
    }
    Files.writeString(local.resolve("text/a.csv"), csv);
    Files.writeString(local.resolve("text/a.jsonl"), json);
    S3.uploadDir(local, "src/");
  }

  /** id = 0..rows-1, name, score null every 7th row; small row groups and pages. */
  static void writeParquet(Path file, int rows) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message t { required int64 id; optional binary name (STRING); optional double score; }");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withRowGroupSize(64 * 1024).withPageSize(4096).withDictionaryEncoding(false).build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup().append("id", (long) i).append("name", "name-" + i);
        if (i % 7 != 0) {
          g.append("score", i * 0.5);
        }
        w.write(g);
      }
    }
  }

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, S3.settings());
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private List<List<Object>> read(String function, Map<String, Object> args, ScanSpec spec) {
    TableSource source = Sources.create(function, args, S3.settings());
    return readAll(source, spec == null ? ScanSpec.all(source.schema()) : spec, ctx);
  }

  private static Map<String, Object> args(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Rows keyed by their path column (last), relative to {@code root}. */
  private static Map<String, Object> byPath(List<List<Object>> rows, String root) {
    Map<String, Object> out = new TreeMap<>();
    for (List<Object> r : rows) {
      String path = (String) r.get(r.size() - 1);
      assertTrue(path.startsWith(root), path + " under " + root);
      Object value = r.get(0);
      out.put(path.substring(root.length()), value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
          : value);
    }
    return out;
  }

  @Test
  void readImagesWithPathsGivesTheLocalImagesUnderS3Paths() {
    Map<String, Object> s3 = byPath(read("read_images", args("path", S3Fixture.uri("mnist"), "include_paths", true),
        null), S3Fixture.uri("mnist/"));
    Map<String, Object> files = byPath(read("read_images", args("path", MNIST.toString(), "include_paths", true),
        null), MNIST + "/");
    assertEquals(500, s3.size());
    assertEquals(files, s3);
  }

  @Test
  void readBinaryFilesGivesTheBytes() throws IOException {
    Map<String, Object> s3 = byPath(read("read_binary_files", args("path", S3Fixture.uri("mnist/7/*.png"),
        "include_paths", true), null), S3Fixture.uri("mnist/"));
    assertEquals(50, s3.size());
    assertEquals(new String(Files.readAllBytes(MNIST.resolve("7/7_0003.png")), StandardCharsets.ISO_8859_1),
        s3.get("7/7_0003.png"));
  }

  @Test
  void readParquetWithPruningAndFiltersReadsTheSameRows() {
    for (String file : List.of("pq/multi.parquet", "pq/tiny_pages.parquet")) {
      String s3 = S3Fixture.uri("src/" + file);
      String path = local.resolve(file).toString();
      assertEquals(read("read_parquet", args("path", path), null), read("read_parquet", args("path", s3), null), file);
    }
    ScanSpec pruned = new ScanSpec(new int[] {2, 0}, List.of(
        new Call(Functions.GE, List.of(new ColumnRef(0, BIGINT), new Literal(19_000L, BIGINT)), ArrowType.Bool.INSTANCE)),
        -1);
    List<List<Object>> s3 = read("read_parquet", args("path", S3Fixture.uri("src/pq/multi*")), pruned);
    assertEquals(read("read_parquet", args("path", local.resolve("pq/multi.parquet").toString()), pruned), s3);
    assertTrue(s3.size() >= 1000 && s3.size() < 20_000, "row groups without ids >= 19000 are skipped: " + s3.size());
  }

  @Test
  void readParquetOverManyObjectsReadsTheirFootersInParallelAndEveryRow() throws IOException {
    byte[] file = Files.readAllBytes(local.resolve("pq/multi.parquet"));
    for (String name : List.of("a", "b", "c", "d")) {
      S3.put("many/" + name + ".parquet", file);
    }
    ScanSpec ids = new ScanSpec(new int[] {0}, List.of(), -1);
    List<List<Object>> rows = read("read_parquet", args("path", S3Fixture.uri("many")), ids);
    assertEquals(80_000, rows.size());
    assertEquals(19_999L, rows.get(rows.size() - 1).get(0));
  }

  @Test
  void readParquetFetchesOnlyTheProjectedColumnChunks() throws IOException {
    try (FaultInjectingProxy counter = new FaultInjectingProxy(S3.port(), 0)) {
      Map<String, String> settings = S3Fixture.settings(counter.endpoint());
      ScanSpec idOnly = new ScanSpec(new int[] {0}, List.of(), -1);
      TableSource source = Sources.create("read_parquet", args("path", S3Fixture.uri("src/pq/multi.parquet")), settings);
      long before = counter.bytesDown();
      assertEquals(20_000, readAll(source, idOnly, ctx).size());
      long idBytes = counter.bytesDown() - before;
      before = counter.bytesDown();
      readAll(source, ScanSpec.all(source.schema()), ctx);
      long allBytes = counter.bytesDown() - before;
      long fileBytes = Files.size(local.resolve("pq/multi.parquet"));
      assertTrue(idBytes < allBytes / 2 && allBytes <= fileBytes * 2, "id column " + idBytes + " bytes, all columns "
          + allBytes + ", file " + fileBytes);
    }
  }

  @Test
  void readCsvAndReadJsonStreamFromS3() {
    assertEquals(read("read_csv", args("path", local.resolve("text").toString()), null),
        read("read_csv", args("path", S3Fixture.uri("src/text/")), null));
    List<List<Object>> json = read("read_json", args("path", S3Fixture.uri("src/text/*.jsonl")), null);
    assertEquals(read("read_json", args("path", local.resolve("text/a.jsonl").toString()), null), json);
    assertEquals(300, json.size());
  }

  @Test
  void csvAndJsonFilesAreReadInByteRangesFromS3() {
    Map<String, String> settings = new HashMap<>(S3.settings());
    settings.put("file_split_size", "500");
    ExecContext ranged = SourceTestSupport.context(allocator, settings);
    for (String[] f : new String[][] {{"read_csv", "a.csv"}, {"read_json", "a.jsonl"}}) {
      TableSource s3 = Sources.create(f[0], args("path", S3Fixture.uri("src/text/" + f[1])), S3.settings());
      assertTrue(s3.splits(ScanSpec.all(s3.schema()), ranged).size() > 3, f[1] + " is cut into ranges");
      List<List<Object>> rows = readAll(s3, ScanSpec.all(s3.schema()), ranged);
      assertEquals(read(f[0], args("path", local.resolve("text/" + f[1]).toString()), null), rows);
      assertEquals(300, rows.size());
    }
  }

  @Test
  void aMissingObjectNamesTheUriAndAnUnreachableServerTooAfterRetries() throws IOException {
    QuiverException missing = assertThrows(QuiverException.class,
        () -> read("read_parquet", args("path", S3Fixture.uri("src/pq/nothing.parquet")), null));
    assertTrue(missing.getMessage().startsWith("read_parquet: no such file or directory: '"
        + S3Fixture.uri("src/pq/nothing.parquet") + "'"), missing.getMessage());
    try (FaultInjectingProxy flaky = new FaultInjectingProxy(S3.port(), 2)) {
      Map<String, String> settings = S3Fixture.settings(flaky.endpoint());
      TableSource source = Sources.create("read_images", args("path", S3Fixture.uri("mnist/3")), settings);
      assertEquals(50, readAll(source, ScanSpec.all(source.schema()), ctx).size());
      assertEquals(2, flaky.failed());
    }
  }

  @Test
  void imagesAndParquetOverS3ReadTheSameBytesAsLocally() throws IOException {
    List<String> uris = new ArrayList<>(io.quiver.executor.storage.Storage.of(S3Fixture.uri("x"), S3.settings())
        .list("t", S3Fixture.uri("src/pq/"), java.util.Set.of("parquet")));
    assertEquals(List.of(S3Fixture.uri("src/pq/multi.parquet"), S3Fixture.uri("src/pq/tiny_pages.parquet")), uris);
    byte[] local0 = Files.readAllBytes(local.resolve("pq/multi.parquet"));
    assertArrayEquals(local0, S3.storage().readAll(uris.get(0)));
  }
}
