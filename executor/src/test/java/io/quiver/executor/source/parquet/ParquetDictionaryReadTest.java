package io.quiver.executor.source.parquet;

import io.quiver.executor.storage.LocalStorage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VARCHAR columns read dictionary-encoded give exactly the strings of a plain read: over several row
 * groups (several dictionaries), NULLs, batches that cross page boundaries, and chunks whose writer
 * fell back from dictionary to PLAIN pages midway.
 */
class ParquetDictionaryReadTest {
  private static final int ROWS = 20_000;
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message t { optional binary few (STRING); optional binary many (STRING); required int64 id; }");

  @TempDir
  Path dir;
  private RootAllocator allocator;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    ctx = SourceTestSupport.context(allocator, 333); // batches end inside pages of 200 rows
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /**
   * {@code few}: 40 distinct strings (some longer than 16 bytes), NULL every 5th row; {@code many}:
   * 20 strings for 1500 rows of every 2000, then new strings, NULL every 11th row, so its dictionary
   * outgrows the 2 KB dictionary page limit and the writer falls back to PLAIN pages midway through
   * chunks.
   */
  private Path write(boolean dictionary) throws IOException {
    Path file = dir.resolve(dictionary ? "dict.parquet" : "plain.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withRowGroupSize(64 * 1024).withPageSize(1024).withDictionaryPageSize(2048)
        .withDictionaryEncoding(dictionary).withMinRowCountForPageSizeCheck(10)
        .withMaxRowCountForPageSizeCheck(100).withPageRowCountLimit(200).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group g = groups.newGroup();
        if (i % 5 != 0) {
          g.append("few", (i % 3 == 0 ? "a somewhat longer key #" : "k") + (i * 7 % 40));
        }
        if (i % 11 != 0) {
          // Repeating values first (dictionary pages), then ever new ones (the dictionary overflows).
          g.append("many", i % 2000 < 1500 ? "m" + (i % 20) : "m" + (i * 7919L % 9001));
        }
        w.write(g.append("id", (long) i));
      }
    }
    return file;
  }

  /** Per row: the strings of columns 0 and 1 (null for NULL); counts the vector kinds seen per column. */
  private List<List<String>> read(Path file, Set<Integer> dictionaryColumns, int[][] kinds) {
    ParquetSource source = new ParquetSource(Map.of("path", file.toString()));
    ScanSpec spec = new ScanSpec(new int[] {0, 1, 2}, List.of(), -1, dictionaryColumns);
    List<List<String>> rows = new ArrayList<>();
    List<SourceSplit> splits = source.splits(spec, ctx);
    assertTrue(splits.size() >= 3, "several row groups: " + splits.size());
    for (SourceSplit split : splits) {
      try (BatchStream s = source.open(split, spec, ctx)) {
        for (VectorSchemaRoot next = s.next(); next != null; next = s.next()) {
          try (VectorSchemaRoot b = next) {
            for (int r = 0; r < b.getRowCount(); r++) {
              rows.add(new ArrayList<>(List.of("" + b.getVector(2).getObject(r))));
            }
            for (int c = 0; c < 2; c++) {
              FieldVector v = b.getVector(c);
              kinds[c][v instanceof DictionaryVector ? 1 : 0]++;
              for (int r = 0; r < b.getRowCount(); r++) {
                rows.get(rows.size() - b.getRowCount() + r).add(string(v, r));
              }
            }
          }
        }
      }
    }
    return rows;
  }

  private static String string(FieldVector v, int row) {
    if (v.isNull(row)) {
      return null;
    }
    if (v instanceof DictionaryVector d) {
      StringDictionary dict = d.dictionary();
      int id = d.id(row);
      int start = dict.offsets()[id];
      return new String(dict.bytes(), start, dict.offsets()[id + 1] - start, StandardCharsets.UTF_8);
    }
    return assertInstanceOf(VarCharVector.class, v).getObject(row).toString();
  }

  @Test
  void dictionaryOutputEqualsPlainOutputIncludingFallbackPages() throws IOException {
    Path file = write(true);
    int[][] plainKinds = new int[2][2];
    int[][] dictKinds = new int[2][2];
    List<List<String>> plain = read(file, Set.of(), plainKinds);
    List<List<String>> dict = read(file, Set.of(0, 1), dictKinds);
    assertEquals(ROWS, plain.size());
    assertEquals(plain, dict);
    assertEquals(0, plainKinds[0][1] + plainKinds[1][1], "no dictionaries unless asked for");
    assertEquals(0, dictKinds[0][0], "the small dictionary never falls back");
    assertTrue(dictKinds[1][1] > 0 && dictKinds[1][0] > 0,
        "the big dictionary is used, then falls back to plain: " + dictKinds[1][1] + "/" + dictKinds[1][0]);
    // Some chunk really switches encodings midway: a dictionary page, then PLAIN data pages.
    boolean fellBack = false;
    for (BlockMetaData block : ParquetFiles.footer(LocalStorage.INSTANCE, file.toString()).getBlocks()) {
      Set<Encoding> encodings = block.getColumns().get(1).getEncodings();
      fellBack |= block.getColumns().get(1).hasDictionaryPage() && encodings.contains(Encoding.PLAIN_DICTIONARY)
          && encodings.contains(Encoding.PLAIN);
    }
    assertTrue(fellBack, "the writer fell back from dictionary to PLAIN within a chunk");
    // NULLs survive as NULLs.
    assertEquals(null, dict.get(0).get(1));
    assertEquals(null, dict.get(11).get(2));
  }

  @Test
  void onlyTheAskedColumnsComeDictionaryEncoded() throws IOException {
    Path file = write(true);
    int[][] kinds = new int[2][2];
    List<List<String>> plain = read(file, Set.of(), new int[2][2]);
    assertEquals(plain, read(file, Set.of(0), kinds));
    assertEquals(0, kinds[0][0]);
    assertEquals(0, kinds[1][1]);
  }

  @Test
  void filesWithoutDictionariesStayPlain() throws IOException {
    Path file = write(false);
    int[][] kinds = new int[2][2];
    List<List<String>> dict = read(file, Set.of(0, 1), kinds);
    assertEquals(read(file, Set.of(), new int[2][2]), dict);
    assertEquals(0, kinds[0][1] + kinds[1][1]);
  }
}
