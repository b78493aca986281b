package io.quiver.executor.source.csv;

import static io.quiver.executor.source.SourceTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.source.FileRangeSplit;
import io.quiver.executor.source.ScanSpec;
import io.quiver.executor.source.SourceSplit;
import io.quiver.executor.source.SourceTestSupport;
import io.quiver.executor.source.Sources;
import io.quiver.executor.source.TableSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV file read in byte ranges gives exactly the rows of reading it whole. */
class CsvByteRangeTest {
  @TempDir
  Path dir;
  private RootAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private ExecContext ctx(String splitSize) {
    return SourceTestSupport.context(allocator, Map.of("file_split_size", splitSize, "batch_size", "7"));
  }

  private static TableSource csv(Path p, Object... options) {
    Map<String, Object> args = new HashMap<>();
    args.put("path", p.toString());
    for (int i = 0; i < options.length; i += 2) {
      args.put((String) options[i], options[i + 1]);
    }
    return Sources.create("read_csv", args);
  }

  private List<SourceSplit> splits(TableSource s, String splitSize) {
    return s.splits(ScanSpec.all(s.schema()), ctx(splitSize));
  }

  private List<List<Object>> rows(TableSource s, String splitSize) {
    return readAll(s, ScanSpec.all(s.schema()), ctx(splitSize));
  }

  /**
   * A header, LF and CRLF line ends, blank lines, quoted fields with delimiters and doubled quotes (but
   * no line breaks), multi-byte characters, empty fields, and a last line without a line feed.
   */
  private Path mixedFile(boolean header) throws IOException {
    StringBuilder b = new StringBuilder(header ? "id,name,score\r\n" : "");
    for (int i = 0; i < 400; i++) {
      String name = i % 5 == 0 ? "\"n, " + i + " \"\"q\"\"\"" : i % 7 == 0 ? "ünï€ode" + i : "n" + i;
      String score = i % 3 == 0 ? "" : Double.toString(i * 0.5);
      b.append(i).append(',').append(name).append(',').append(score).append(i % 2 == 0 ? "\r\n" : "\n");
      if (i % 50 == 0) {
        b.append('\n');
      }
    }
    b.append("400,last,1.5");
    return Files.writeString(dir.resolve(header ? "h.csv" : "n.csv"), b.toString(), StandardCharsets.UTF_8);
  }

  @Test
  void rangesGiveTheRowsOfTheWholeFileWithTheHeaderOnlyInTheFirst() throws IOException {
    for (boolean header : new boolean[] {true, false}) {
      TableSource s = csv(mixedFile(header), "header", header);
      List<List<Object>> whole = rows(s, "0");
      assertEquals(401, whole.size());
      assertEquals(1, splits(s, "0").size());
      for (String size : new String[] {"1", "13", "97", "1000", "4k"}) {
        List<SourceSplit> splits = splits(s, size);
        assertTrue(splits.size() > 1, size + " cuts the file");
        assertEquals(0, ((FileRangeSplit) splits.get(0)).start());
        assertEquals(FileRangeSplit.TO_END, ((FileRangeSplit) splits.get(splits.size() - 1)).end());
        assertEquals(whole, rows(s, size), "header=" + header + " file_split_size=" + size);
      }
    }
  }

  @Test
  void aLimitHintReadsWholeFiles() throws IOException {
    TableSource s = csv(mixedFile(true));
    ScanSpec limited = new ScanSpec(new int[] {0, 1, 2}, List.of(), 5);
    assertEquals(1, s.splits(limited, ctx("13")).size());
  }

  @Test
  void quotedLineBreaksInTheSampleKeepTheFileWhole() throws IOException {
    StringBuilder b = new StringBuilder("id,text\n");
    for (int i = 0; i < 300; i++) {
      b.append(i).append(",\"line one\nline two of ").append(i).append("\"\n");
    }
    TableSource s = csv(Files.writeString(dir.resolve("q.csv"), b));
    assertEquals(1, splits(s, "100").size());
    List<List<Object>> rows = rows(s, "100");
    assertEquals(300, rows.size());
    assertEquals(List.of(299L, "line one\nline two of 299"), rows.get(299));
  }

  @Test
  void aQuotedLineBreakPastTheSampleAtARangeBoundaryIsAnErrorNotWrongRows() throws IOException {
    StringBuilder b = new StringBuilder("id,text\n");
    int i = 0;
    while (b.length() < CsvSource.CUT_SAMPLE_BYTES + 1000) {
      b.append(i++).append(",plain text of some length\n");
    }
    // A field with a line break every few bytes, longer than a range: a boundary must fall inside it.
    b.append(i++).append(",\"").append("quoted\n".repeat(20_000)).append("\"\n");
    for (int j = 0; j < 100; j++) {
      b.append(i++).append(",after\n");
    }
    TableSource s = csv(Files.writeString(dir.resolve("late.csv"), b));
    assertTrue(splits(s, "64k").size() > 2);
    QuiverException e = assertThrows(QuiverException.class, () -> rows(s, "64k"));
    assertTrue(e.getMessage().contains("file_split_size = 0") && e.getMessage().contains("late.csv (bytes"),
        e.getMessage());
    assertEquals(i, rows(s, "0").size(), "read whole, the file is fine");
  }

  @Test
  void theSampleCheckFollowsTheParsersQuoting() {
    assertFalse(CsvSource.hasQuotedLineBreak("a,b\n\"x, \"\"y\"\"\",z\r\n1,2", ','));
    assertFalse(CsvSource.hasQuotedLineBreak("a,b\"c\nd,e\n", ','), "a quote inside an unquoted field is literal");
    assertTrue(CsvSource.hasQuotedLineBreak("a,\"b\nc\"\n", ','));
    assertTrue(CsvSource.hasQuotedLineBreak("a;\"b\nc\";d\n", ';'));
    assertFalse(CsvSource.hasQuotedLineBreak("a;\"b\nc\";d\n", ','), "with ',' no field starts with the quotes");
  }

  @Test
  void manyFilesAndOneBigOneGiveTheRowsOfReadingThemWhole() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("skewed"));
    StringBuilder big = new StringBuilder("id,name\n");
    for (int i = 0; i < 5000; i++) {
      big.append(i).append(",big").append(i).append('\n');
    }
    Files.writeString(folder.resolve("m_big.csv"), big);
    for (int f = 0; f < 20; f++) {
      Files.writeString(folder.resolve(String.format("t%02d.csv", f)), "id,name\n" + (10_000 + f) + ",tiny" + f + "\n");
    }
    TableSource s = csv(folder);
    List<SourceSplit> splits = splits(s, "2k");
    assertTrue(splits.size() > 30, "the big file is cut: " + splits.size());
    assertEquals(rows(s, "0"), rows(s, "2k"));
    assertEquals(5020, rows(s, "2k").size());
  }
}
